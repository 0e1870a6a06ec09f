import ArgumentParser

/// `sluice bench ...`: performance measurements.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure performance.", subcommands: [BenchLogCommand.self])
}

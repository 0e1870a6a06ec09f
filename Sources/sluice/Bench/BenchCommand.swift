import ArgumentParser

/// `sluice bench ...`: measurements of Sluice's hot paths (run them on a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure Sluice's hot paths (use a release build).",
        subcommands: [BenchLogCommand.self, BenchParse.self, BenchQueryCommand.self])
}

import ArgumentParser

/// `sluice bench ...`: measurements of Sluice's hot paths (run them on a release build).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Sluice's hot paths (use a release build).",
        subcommands: [BenchParse.self]
    )
}

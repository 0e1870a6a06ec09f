import ArgumentParser
import SluiceCore

/// The `sluice` command: one binary with a REPL, persistent jobs and scripting commands.
@main
struct Sluice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "A stream-processing engine with ksqlDB's SQL.",
        version: SluiceVersion.current,
        subcommands: [
            ExecCommand.self, TopicCommand.self, ProduceCommand.self, PrintCommand.self, TestCommand.self, ConformanceCommand.self, Format.self,
            DatagenCommand.self, BenchCommand.self, LogWriterCommand.self, ExactlyOnceChildCommand.self,
        ]
    )
}

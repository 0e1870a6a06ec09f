import ArgumentParser
import SluiceCore

/// The `sluice` command: one binary with a REPL, persistent jobs and scripting commands.
@main
struct Sluice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "A stream-processing engine with ksqlDB's SQL.",
        discussion: "Without a command, sluice opens the interactive SQL shell (sluice repl).",
        version: SluiceVersion.current,
        subcommands: [
            ReplCommand.self, RunCommand.self, ExecCommand.self, TopicCommand.self, ProduceCommand.self,
            PrintCommand.self, TestCommand.self, ConformanceCommand.self, Format.self, DatagenCommand.self,
            BenchCommand.self, LogWriterCommand.self, ExactlyOnceChildCommand.self,
        ],
        defaultSubcommand: ReplCommand.self
    )

    /// The names of the top-level commands.
    static var commandNames: Set<String> { Set(configuration.subcommands.map { $0._commandName }) }

    static func main() async {
        await main(GlobalOptionPlacement.reorder(Array(CommandLine.arguments.dropFirst()), commandNames: commandNames))
    }
}

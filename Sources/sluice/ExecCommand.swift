import ArgumentParser
import Foundation
import SluiceEngine

/// `sluice exec "SQL"`: runs statements and exits.
struct ExecCommand: ForwardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run SQL statements against the data directory and exit.",
        discussion: "Statements run in order and stop at the first error (exit status 1). Push queries stream until "
            + "their LIMIT or Ctrl-C. While `sluice run` or the REPL owns the data directory, the statements run "
            + "inside that process."
    )

    static var needsEngine: Bool { true }

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("e"), .long], help: "SQL to run (the positional argument works too).")
    var execute: String?

    @Argument(help: "SQL statements, separated by ';'.")
    var sql: String?

    @OptionGroup var sessionOptions: SessionOptions

    func validate() throws {
        guard execute != nil || sql != nil else { throw ValidationError("give SQL to run, as an argument or with -e") }
    }

    func run(in context: CommandContext) throws {
        let engine = try context.requireEngine()
        let session = sessionOptions.makeSession(workingDirectory: context.workingDirectory)
        let printer = ResultPrinter(mode: sessionOptions.mode, output: context.output,
                                    errorOutput: context.errorOutput, interruption: context.interruption)
        // A statement that failed, or a result that stopped on an error (a corrupt batch), fails the command.
        var shownAll = true
        let ok = engine.execute(execute ?? sql ?? "", name: "<exec>", session: session) { shownAll = printer.print($0) && shownAll }
        if !ok || !shownAll { throw ExitCode(1) }
    }
}


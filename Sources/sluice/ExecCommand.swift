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

    @Option(name: .long, help: "table or json.")
    var output: String = "table"

    @Option(name: .long, help: "Set a property for this run, as NAME=VALUE (repeatable).")
    var property: [String] = []

    @Option(name: .long, help: "Define a variable for ${name} substitution, as NAME=VALUE (repeatable).")
    var define: [String] = []

    func validate() throws {
        guard execute != nil || sql != nil else { throw ValidationError("give SQL to run, as an argument or with -e") }
        guard OutputMode(rawValue: output) != nil else { throw ValidationError("--output must be table or json") }
        _ = try keyValues(property, "--property")
        _ = try keyValues(define, "--define")
    }

    func run(in context: CommandContext) throws {
        let engine = try context.requireEngine()
        let session = Session(properties: try keyValues(property, "--property"), variables: try keyValues(define, "--define"),
                              workingDirectory: context.workingDirectory)
        let printer = ResultPrinter(mode: OutputMode(rawValue: output) ?? .table, output: context.output,
                                    errorOutput: context.errorOutput, interruption: context.interruption)
        let ok = engine.execute(execute ?? sql ?? "", name: "<exec>", session: session) { printer.print($0) }
        if !ok { throw ExitCode(1) }
    }
}

/// Parses `NAME=VALUE` flags.
func keyValues(_ flags: [String], _ option: String) throws -> [String: String] {
    var result: [String: String] = [:]
    for flag in flags {
        guard let equals = flag.firstIndex(of: "=") else { throw ValidationError("\(option) takes NAME=VALUE, found '\(flag)'") }
        result[String(flag[..<equals])] = String(flag[flag.index(after: equals)...])
    }
    return result
}

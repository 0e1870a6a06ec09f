import ArgumentParser
import Foundation
import Synchronization
import SluiceCore
import SluiceEngine
import SluiceSQL

/// `sluice` (or `sluice repl`): the interactive SQL shell on the data directory.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Open the interactive SQL shell (what `sluice` does without a command).",
        discussion: """
            Statements end with ';' and may span lines. Tab completes keywords, streams, tables, columns \
            and functions; history is kept in ~/.sluice_history. A push query streams until its LIMIT or \
            Ctrl-C, which cancels the query, not the shell. When standard input is not a terminal, \
            statements are read from it without line editing. While the shell runs, other sluice \
            commands on the data directory run inside it.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var sessionOptions: SessionOptions

    func validate() throws {
    }

    func run() throws {
        try reportFailures {
            let owner = try DataDirectoryOwner(global)
            defer { owner.close() }
            let session = sessionOptions.makeSession()
            let repl = Repl(engine: owner.engine, session: session, mode: sessionOptions.mode,
                            dataDirectory: global.dataDirectory)
            let ok = isatty(0) != 0 ? repl.runInteractive() : repl.runPiped()
            if !ok { throw ExitCode(1) }
        }
    }
}

/// The shell's loop: collects lines until a statement is complete, runs it, shows the results.
final class Repl: Sendable {
    let engine: Engine
    let session: Session
    let printer: ResultPrinter
    let dataDirectory: String
    private let interruption = Interruption()
    /// The lines of the statement being typed, for completion.
    private let pending = Mutex("")

    init(engine: Engine, session: Session, mode: OutputMode, dataDirectory: String) {
        self.engine = engine
        self.session = session
        self.dataDirectory = dataDirectory
        printer = ResultPrinter(mode: mode, output: .standardOutput, errorOutput: .standardError, interruption: interruption)
    }

    static let prompt = "sluice> "
    static let continuation = "      > "

    /// Reads from the terminal with line editing until `exit` or Ctrl-D. Returns true.
    func runInteractive() -> Bool {
        let completion = SQLCompletion(engine: engine, pendingText: { [self] in pending.withLock { $0 } })
        let editor = LineEditor(historyPath: Self.historyPath) { completion.candidates(linePrefix: $0, word: $1) }
        let quitting = Atomic<Bool>(false)
        let interruptLine = editor.interrupter
        SignalWatcher.route([SIGINT, SIGTERM, SIGHUP]) { [interruption] signo in
            if signo != SIGINT { quitting.store(true, ordering: .relaxed) }
            // Ctrl-C cancels a running query; at the prompt it drops the statement being typed.
            if !interruption.interrupt() || signo != SIGINT { interruptLine() }
        }
        printer.output.line(banner)
        var statements = StatementLines()
        while !quitting.load(ordering: .relaxed) {
            pending.withLock { $0 = statements.buffer }
            switch editor.readLine(prompt: statements.buffer.isEmpty ? Self.prompt : Self.continuation) {
            case .endOfInput:
                return true
            case .interrupted:
                statements.buffer = ""
            case .line(let line):
                switch statements.add(line) {
                case .exit: return true
                case .help: printer.output.line(Self.help)
                case .statement(let text):
                    editor.remember(text)
                    run(text)
                case nil: break
                }
            }
        }
        return true
    }

    /// Reads statements from standard input (a pipe or file) until it ends.
    /// - Returns: whether every statement succeeded.
    func runPiped() -> Bool {
        SignalWatcher.route([SIGINT]) { [interruption] _ in
            if !interruption.interrupt() { _exit(130) }
        }
        var ok = true
        var statements = StatementLines()
        while let line = Swift.readLine(strippingNewline: true) {
            switch statements.add(line) {
            case .exit: return ok
            case .help: printer.output.line(Self.help)
            case .statement(let text): ok = run(text) && ok
            case nil: break
            }
        }
        if !ScriptCompleteness.isBlank(statements.buffer) { ok = run(statements.buffer) && ok }
        return ok
    }

    /// Runs the statements of `text`, stopping at the first failure.
    @discardableResult
    private func run(_ text: String) -> Bool {
        engine.execute(text, name: "<input>", session: session) { printer.print($0) }
    }

    private var banner: String {
        """
        Sluice \(SluiceVersion.current) on \(dataDirectory): ksqlDB's SQL; statements end with ';'.
        Type 'help' for keys and commands, 'exit' or Ctrl-D to leave. RUN SCRIPT 'file.sql'; runs the statements of a file.
        """
    }

    static let help = """
        Statements end with ';' and may span several lines; a ';' inside quotes or a comment does not count.
        Keys:
          Tab            complete keywords, streams, tables, columns and functions
          Up / Down      walk the history (kept in ~/.sluice_history)
          Ctrl-C         cancel a running query, or drop the statement being typed
          Ctrl-D, exit   leave the shell
        Examples:
          SHOW STREAMS;  SHOW TABLES;  SHOW TOPICS;  SHOW QUERIES;  DESCRIBE name;
          SELECT * FROM name EMIT CHANGES LIMIT 5;   PRINT 'topic' FROM BEGINNING LIMIT 3;
          RUN SCRIPT 'file.sql';   load the statements of a file
        """

    /// `~/.sluice_history`, with `~` from $HOME.
    static var historyPath: String? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.sluice_history"
    }
}

/// Collects typed lines into complete statements (ended by `;` outside quotes and comments), and
/// recognises the shell's own words on a line of their own.
struct StatementLines {
    enum Action: Equatable {
        case exit, help
        /// A complete statement (or several) to run.
        case statement(String)
    }

    /// The lines of the statement typed so far.
    var buffer = ""

    /// Adds a line; what it completes, if anything.
    mutating func add(_ line: String) -> Action? {
        if buffer.isEmpty, let command = ShellCommand(line) { return command == .exit ? .exit : .help }
        buffer += buffer.isEmpty ? line : "\n" + line
        if ScriptCompleteness.isBlank(buffer) {
            buffer = ""
        } else if ScriptCompleteness.isComplete(buffer) {
            defer { buffer = "" }
            return .statement(buffer)
        }
        return nil
    }
}

/// A word the shell itself answers, typed alone on a line (with or without `;`).
enum ShellCommand: Equatable {
    case help
    case exit

    init?(_ line: String) {
        var word = line.trimmingCharacters(in: .whitespaces).lowercased()
        if word.hasSuffix(";") { word.removeLast() }
        switch word.trimmingCharacters(in: .whitespaces) {
        case "help", "?": self = .help
        case "exit", "quit": self = .exit
        default: return nil
        }
    }
}

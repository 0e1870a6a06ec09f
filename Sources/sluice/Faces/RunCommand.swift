import ArgumentParser
import Foundation
import Synchronization
import SluiceEngine

/// `sluice run FILE.sql`: runs a query file headless and keeps its persistent queries running in the
/// foreground until SIGINT or SIGTERM.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a query file and keep its persistent queries running until Ctrl-C or SIGTERM.",
        discussion: """
            Statements run in order; the first failing statement is reported as FILE:LINE:COL, applies \
            nothing, and ends the run with exit status 1. Ctrl-C or SIGTERM stops the queries with a final \
            commit and exits with status 0. Running the same file again resumes its queries: statements \
            the data directory already holds are recognised and not applied twice (INSERT ... VALUES \
            runs only the first time), and a CREATE whose definition changed is an error naming it \
            unless it says CREATE OR REPLACE. While it runs, other sluice commands on the data \
            directory (exec, produce, print, topic) run inside this process.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The query file.")
    var file: String

    @OptionGroup var sessionOptions: SessionOptions

    func validate() throws {
    }

    func run() throws {
        try reportFailures {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw CommandFailure("cannot read \(file): \(error.localizedDescription)", exitCode: 1)
            }
            let owner = try DataDirectoryOwner(global)
            let status = runFile(text, owner: owner)
            if status != 0 { throw ExitCode(status) }
        }
    }

    private func runFile(_ text: String, owner: DataDirectoryOwner) -> Int32 {
        let out = CommandOutput.standardOutput
        let interruption = Interruption()
        let stop = DispatchSemaphore(value: 0)
        let stopping = Atomic<Bool>(false)
        SignalWatcher.route([SIGINT, SIGTERM]) { _ in
            if stopping.exchange(true, ordering: .relaxed) { return }
            interruption.close()
            stop.signal()
        }
        let engine = owner.engine
        let session = sessionOptions.makeSession(workingDirectory: URL(fileURLWithPath: file).deletingLastPathComponent().path)
        let printer = ResultPrinter(mode: sessionOptions.mode, output: out, errorOutput: .standardError,
                                    interruption: interruption)
        let fileKey = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
        let ok = engine.executeFile(text, name: file, fileKey: fileKey, session: session) { printer.print($0) }
        guard ok else {
            owner.close()
            return 1
        }
        if !stopping.load(ordering: .relaxed) {
            let queries = engine.catalogSnapshot().queries.keys.sorted()
            let running = queries.isEmpty ? "No persistent queries are running"
                : "Running \(queries.count) persistent quer\(queries.count == 1 ? "y" : "ies"): " + queries.joined(separator: ", ")
            out.line(running + ". Ctrl-C or SIGTERM stops.")
            stop.wait()
        }
        out.line("Stopping: final commit of every query.")
        owner.close()
        out.line("Stopped.")
        return 0
    }
}

import ArgumentParser
import Foundation
import SluiceLog

/// A command on a data directory that runs the same in this process or, when another process owns
/// the directory (`sluice run`, the REPL), inside that owner: same output, same exit status.
///
/// The work lives in `run(in:)`, which reads and writes only through its context.
protocol ForwardableCommand: ParsableCommand {
    var global: GlobalOptions { get }
    /// Whether the command runs SQL (it then opens the engine when it runs here).
    static var needsEngine: Bool { get }
    /// Whether standard input is the command's data; only then is it sent to the owner.
    static var readsInput: Bool { get }
    /// Whether the command may create the data directory; commands that only read a topic fail
    /// on a directory that does not exist (a mistyped `--data`) instead.
    static var createsDataDirectory: Bool { get }
    /// Does the command's work against an open data directory.
    func run(in context: CommandContext) throws
}

extension ForwardableCommand {
    static var needsEngine: Bool { false }
    static var readsInput: Bool { false }
    static var createsDataDirectory: Bool { true }

    func run() throws {
        let status = forwardOrRunHere()
        if status != 0 { throw ExitCode(status) }
    }

    /// Forwards the command line to the directory's owner, or opens the directory here and runs.
    func forwardOrRunHere() -> Int32 {
        // An owner that is starting holds the lock before it listens, and one that is stopping
        // still holds it for a moment: while the lock is held, keep trying to reach the owner.
        let deadline = Date().addingTimeInterval(5)
        while true {
            if let client = ControlClient.connect(dataDirectory: global.dataDirectory) {
                return client.forward(arguments: Array(CommandLine.arguments.dropFirst()), readsInput: Self.readsInput)
            }
            guard DataDirectoryLock.isHeld(directory: global.dataDirectory), Date() < deadline else { break }
            usleep(50_000)
        }
        let interruption = Interruption()
        SignalWatcher.route([SIGINT]) { _ in
            // Ctrl-C stops a push query or a followed print; anywhere else it ends the command as usual.
            if !interruption.interrupt() { _exit(130) }
        }
        return exitStatus(reportingTo: .standardError) {
            if !Self.createsDataDirectory && !FileManager.default.fileExists(atPath: global.dataDirectory) {
                throw CommandFailure(
                    "no data directory at \(global.dataDirectory) (give --data or SLUICE_DATA; `sluice topic create` "
                        + "or `sluice exec` creates one)", exitCode: 1)
            }
            try StoreSession.with(global, withEngine: Self.needsEngine) { session in
                let context = CommandContext(
                    input: 0, output: .standardOutput, errorOutput: .standardError,
                    workingDirectory: FileManager.default.currentDirectoryPath, interruption: interruption,
                    store: session.store, engine: session.engine)
                try run(in: context)
            }
        }
    }
}

import Foundation
import SluiceEngine
import SluiceLog

/// The process that owns a data directory (the REPL, `sluice run`): it holds the directory's lock,
/// runs the engine, and serves the other `sluice` commands on the directory through its control
/// socket, so they work while it runs.
final class DataDirectoryOwner {
    let engine: Engine
    private let lock: DataDirectoryLock
    private let server: ControlServer?

    /// Takes the lock (failing with the current owner's pid and command), opens the engine (which
    /// resumes the persistent queries) and starts serving forwarded commands.
    init(_ global: GlobalOptions) throws {
        let directory = global.dataDirectory
        // A short command (a produce, a print) may hold the lock for a moment: wait for it, but
        // not for another owner, which serves a control socket.
        let deadline = Date().addingTimeInterval(5)
        while true {
            do {
                lock = try DataDirectoryLock(directory: directory, command: StoreSession.commandLine)
                break
            } catch let error as DataDirectoryLockError {
                if Date() >= deadline || ControlClient.connect(dataDirectory: directory) != nil {
                    throw CommandFailure(error.description, exitCode: 1)
                }
                usleep(50_000)
            }
        }
        var log = LogStoreOptions(syncMode: global.sync)
        log.log = { message in standardError("sluice: \(message)") }
        engine = try Engine(options: EngineOptions(dataDirectory: directory, log: log))
        for report in engine.recoveryReports { standardError("recovery: \(report)") }
        server = ControlServer.start(directory: directory, engine: engine, warnings: .standardError)
    }

    /// Stops serving, stops every job with a final commit, closes the store and releases the lock.
    func close() {
        server?.stop()
        engine.close()
        withExtendedLifetime(lock) {}
    }
}

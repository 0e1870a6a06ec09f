import ArgumentParser
import Foundation
import SluiceEngine
import SluiceLog

/// A data directory this process opened for one command: the directory lock, then the log store, or
/// the engine (which opens the store itself).
struct StoreSession {
    let lock: DataDirectoryLock
    let store: LogStore
    let engine: Engine?

    /// Takes the data directory's lock (failing with the owner's pid and command) and opens the store,
    /// or the whole engine when `withEngine` is set.
    static func open(_ global: GlobalOptions, withEngine: Bool = false) throws -> StoreSession {
        let directory = global.dataDirectory
        let lock: DataDirectoryLock
        do {
            lock = try DataDirectoryLock(directory: directory, command: commandLine)
        } catch let error as DataDirectoryLockError {
            throw CommandFailure(error.description, exitCode: 1)
        }
        var options = LogStoreOptions(syncMode: global.sync)
        options.log = { message in standardError("sluice: \(message)") }
        if withEngine {
            let engine = try Engine(options: EngineOptions(dataDirectory: directory, log: options))
            for report in engine.recoveryReports { standardError("recovery: \(report)") }
            return StoreSession(lock: lock, store: engine.store, engine: engine)
        }
        let store = try LogStore(directory: directory, options: options)
        return StoreSession(lock: lock, store: store, engine: nil)
    }

    /// Closes the engine (stopping its jobs with a final commit) or the store, then releases the lock.
    func close() throws {
        if let engine {
            engine.close()
        } else {
            try store.close()
        }
        withExtendedLifetime(lock) {}
    }

    /// Runs `body` with an open session and closes it afterwards, also when `body` throws.
    static func with<T>(_ global: GlobalOptions, withEngine: Bool = false, _ body: (StoreSession) throws -> T) throws -> T {
        let session = try open(global, withEngine: withEngine)
        do {
            let result = try body(session)
            try session.close()
            return result
        } catch {
            try? session.close()
            throw error
        }
    }

    /// The command line as the lock file records it.
    static var commandLine: String {
        var arguments = CommandLine.arguments
        if let first = arguments.first { arguments[0] = URL(fileURLWithPath: first).lastPathComponent }
        return arguments.joined(separator: " ")
    }
}

/// A failure with a message for the user and an exit code (1: the operation failed, 2: a usage mistake).
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32

    init(_ message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}

/// Maps store errors that are the user's mistake to exit code 2.
func translate(_ error: any Error) -> any Error {
    guard let error = error as? LogError else { return error }
    switch error {
    case .invalidTopicName, .unknownTopic, .topicAlreadyExists, .unknownPartition, .invalidArgument, .offsetOutOfRange:
        return CommandFailure(error.description, exitCode: 2)
    default:
        return CommandFailure(error.description, exitCode: 1)
    }
}

/// Runs a command's work and returns its exit status; a failure is reported on `errorOutput` the way
/// every command reports it (`error: ...`).
func exitStatus(reportingTo errorOutput: CommandOutput, _ body: () throws -> Void) -> Int32 {
    do {
        try body()
        return 0
    } catch let exit as ExitCode {
        return exit.rawValue
    } catch {
        let failure = translate(error)
        if let failure = failure as? CommandFailure {
            errorOutput.line("error: \(failure.message)")
            return failure.exitCode
        }
        errorOutput.line("error: \(failure)")
        return 1
    }
}

/// Prints a failure the way every command does and exits with its code.
func reportFailures(_ body: () throws -> Void) throws {
    let status = exitStatus(reportingTo: .standardError, body)
    if status != 0 { throw ExitCode(status) }
}

/// Writes a line to standard error.
func standardError(_ line: String) {
    CommandOutput.standardError.line(line)
}

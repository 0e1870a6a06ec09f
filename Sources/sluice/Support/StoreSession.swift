import ArgumentParser
import Foundation
import SluiceLog

/// A data directory opened by a command: the directory lock, then the log store.
struct StoreSession {
    let lock: DataDirectoryLock
    let store: LogStore

    /// Takes the data directory's lock (failing with the owner's pid and command) and opens the store.
    static func open(_ global: GlobalOptions) throws -> StoreSession {
        let directory = global.dataDirectory
        let lock: DataDirectoryLock
        do {
            lock = try DataDirectoryLock(directory: directory, command: commandLine)
        } catch let error as DataDirectoryLockError {
            throw CommandFailure(error.description, exitCode: 1)
        }
        var options = LogStoreOptions(syncMode: global.sync)
        options.log = { message in standardError("sluice: \(message)") }
        let store = try LogStore(directory: directory, options: options)
        return StoreSession(lock: lock, store: store)
    }

    /// Closes the store (syncing it), then releases the lock.
    func close() throws {
        try store.close()
        withExtendedLifetime(lock) {}
    }

    /// Runs `body` with an open session and closes it afterwards, also when `body` throws.
    static func with<T>(_ global: GlobalOptions, _ body: (StoreSession) throws -> T) throws -> T {
        let session = try open(global)
        do {
            let result = try body(session)
            try session.close()
            return result
        } catch {
            try? session.close()
            throw translate(error)
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

/// Prints a failure the way every command does and exits with its code.
func reportFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let failure as CommandFailure {
        standardError("error: \(failure.message)")
        throw ExitCode(failure.exitCode)
    } catch let error as LogError {
        let failure = translate(error) as! CommandFailure
        standardError("error: \(failure.message)")
        throw ExitCode(failure.exitCode)
    }
}

/// Writes a line to standard error.
func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

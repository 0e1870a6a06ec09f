import Foundation
import Synchronization
import SluiceEngine
import SluiceLog

/// Where a command's text goes: a file descriptor of this process, or a forwarded client's connection.
final class CommandOutput: Sendable {
    private let sink: @Sendable (UnsafeRawBufferPointer) -> Bool
    private let failed = Atomic<Bool>(false)
    /// Whether the text goes straight to a terminal of this process (which echoes `^C` itself).
    let isTerminal: Bool

    /// - Parameter sink: writes all the bytes; false when the reader went away.
    init(isTerminal: Bool = false, sink: @escaping @Sendable (UnsafeRawBufferPointer) -> Bool) {
        self.isTerminal = isTerminal
        self.sink = sink
    }

    /// Writes to a descriptor of this process (1 or 2), unbuffered.
    static func descriptor(_ descriptor: Int32) -> CommandOutput {
        CommandOutput(isTerminal: isatty(descriptor) != 0) { bytes in writeAll(descriptor, bytes) }
    }

    static let standardOutput = CommandOutput.descriptor(1)
    static let standardError = CommandOutput.descriptor(2)

    /// Whether a write failed because the reader went away; later writes are dropped.
    var isBroken: Bool { failed.load(ordering: .relaxed) }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, !isBroken else { return }
        if !sink(bytes) { failed.store(true, ordering: .relaxed) }
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes `text` and a line break.
    func line(_ text: String) {
        write(text + "\n")
    }
}

/// Writes every byte to a descriptor, retrying short writes; false on an error.
func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var done = 0
    while done < bytes.count {
        let written = Foundation.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return false }
        done += written
    }
    return true
}

/// Ctrl-C for one running command. The terminal (or a forwarded client) interrupts; the command
/// says, while it runs something that can stop early, what an interruption stops.
final class Interruption: Sendable {
    private struct State {
        var cancel: (@Sendable () -> Void)?
        var closed = false
    }

    private let state = Mutex(State())

    /// Runs `body`; an interruption meanwhile calls `cancel` once.
    func whileRunning<T>(cancel: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        let closed = state.withLock { state in
            state.cancel = cancel
            return state.closed
        }
        if closed { cancel() }
        defer { state.withLock { $0.cancel = nil } }
        return try body()
    }

    /// Stops what runs now.
    /// - Returns: false when nothing that can stop was running (the caller decides what Ctrl-C means then).
    @discardableResult
    func interrupt() -> Bool {
        let cancel = state.withLock { state in
            defer { state.cancel = nil }
            return state.cancel
        }
        cancel?()
        return cancel != nil
    }

    /// The client went away: stop what runs now and anything that starts later.
    func close() {
        state.withLock { $0.closed = true }
        interrupt()
    }
}

/// What a command runs against: the open data directory, its input and outputs, and Ctrl-C.
///
/// In a plain invocation these are this process's standard streams and a data directory it opened
/// itself; for a command forwarded to the process that owns the directory, they are the client's
/// connection and the owner's engine.
struct CommandContext: Sendable {
    /// A descriptor to read the command's input from.
    var input: Int32
    var output: CommandOutput
    var errorOutput: CommandOutput
    /// The client's working directory (RUN SCRIPT resolves paths against it).
    var workingDirectory: String
    var interruption: Interruption
    var store: LogStore
    /// The engine, when the command needs one or the owner has one.
    var engine: Engine?

    /// The engine; commands that declare `needsEngine` always have one.
    func requireEngine() throws -> Engine {
        guard let engine else { throw CommandFailure("this command needs the SQL engine", exitCode: 1) }
        return engine
    }
}

import ArgumentParser
import Foundation
import Synchronization
import SluiceEngine

/// The owner's side of forwarding: listens on `<data>/sluice.sock` and runs each forwarded command
/// (`exec`, `produce`, `print`, `topic ...`) against the owner's engine, on a thread per connection.
final class ControlServer: Sendable {
    /// The socket file.
    let path: String
    private let listener: Int32
    private let engine: Engine
    private let connections = Mutex<[Int: Interruption]>([:])
    private let nextConnection = Atomic<Int>(0)
    private let acceptLoopDone = DispatchSemaphore(value: 0)

    /// Starts listening; nil (with the reason on `warnings`) when the socket cannot be created.
    static func start(directory: String, engine: Engine, warnings: CommandOutput) -> ControlServer? {
        let path = directory + "/sluice.sock"
        guard let listener = UnixSocket.listen(at: path) else {
            warnings.line("warning: other sluice commands cannot reach this process: no socket at \(path) "
                + "(\(UnixSocket.address(path) == nil ? "the path is too long" : String(cString: strerror(errno))))")
            return nil
        }
        let server = ControlServer(path: path, listener: listener, engine: engine)
        let thread = Thread { server.acceptLoop() }
        thread.name = "sluice-control"
        thread.start()
        return server
    }

    private init(path: String, listener: Int32, engine: Engine) {
        self.path = path
        self.listener = listener
        self.engine = engine
        // A client that disappears mid-write must not kill the owner.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Stops accepting, interrupts the forwarded commands still running and waits for them to end.
    func stop() {
        unlink(path)
        _ = shutdown(listener, Int32(SHUT_RDWR))
        acceptLoopDone.wait()
        close(listener)
        for interruption in connections.withLock({ Array($0.values) }) { interruption.close() }
        // Interrupted commands end within moments; one that does not is abandoned after 5 s.
        let deadline = Date().addingTimeInterval(5)
        while !connections.withLock({ $0.isEmpty }) && Date() < deadline { usleep(10_000) }
    }

    private func acceptLoop() {
        defer { acceptLoopDone.signal() }
        while true {
            let descriptor = accept(listener, nil, nil)
            if descriptor < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            let id = nextConnection.add(1, ordering: .relaxed).newValue
            let interruption = Interruption()
            connections.withLock { $0[id] = interruption }
            let thread = Thread { [self] in
                serve(ControlChannel(descriptor: descriptor), interruption: interruption)
                _ = connections.withLock { $0.removeValue(forKey: id) }
            }
            thread.name = "sluice-forwarded"
            thread.start()
        }
    }

    /// Runs one forwarded command and answers with its output and exit status.
    private func serve(_ channel: ControlChannel, interruption: Interruption) {
        guard let first = channel.receive(), first.kind == .arguments else { return }
        var parts = first.payload.split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        guard !parts.isEmpty else { return }
        let workingDirectory = parts.removeFirst()
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else {
            channel.send(.errorOutput, "error: cannot create a pipe for the command's input\n")
            channel.send(.exit, "1")
            return
        }
        let (inputRead, inputWrite) = (descriptors[0], descriptors[1])
        let readerDone = DispatchSemaphore(value: 0)
        let reader = Thread {
            Self.readClientFrames(channel, input: inputWrite, interruption: interruption)
            readerDone.signal()
        }
        reader.name = "sluice-forwarded-input"
        reader.start()

        let output = CommandOutput { bytes in channel.send(.output, bytes) }
        let errorOutput = CommandOutput { bytes in channel.send(.errorOutput, bytes) }
        let status: Int32
        do {
            let parsed = try Sluice.parseAsRoot(GlobalOptionPlacement.reorder(parts, commandNames: Sluice.commandNames))
            if let command = parsed as? any ForwardableCommand {
                let context = CommandContext(
                    input: inputRead, output: output, errorOutput: errorOutput, workingDirectory: workingDirectory,
                    interruption: interruption, store: engine.store, engine: engine)
                status = exitStatus(reportingTo: errorOutput) { try command.run(in: context) }
            } else {
                errorOutput.line("error: '\(parts.joined(separator: " "))' cannot run while another process owns the data directory")
                status = 1
            }
        } catch {
            let message = Sluice.fullMessage(for: error)
            if !message.isEmpty { errorOutput.line(message) }
            status = Sluice.exitCode(for: error).rawValue
        }
        channel.send(.exit, String(status))
        // Closing the read end first unblocks a reader stuck writing input the command never read.
        close(inputRead)
        channel.shutdown()
        readerDone.wait()
    }

    /// Moves the client's frames into the command: input into the pipe, Ctrl-C into the interruption.
    private static func readClientFrames(_ channel: ControlChannel, input: Int32, interruption: Interruption) {
        var inputOpen = true
        defer { if inputOpen { close(input) } }
        while let frame = channel.receive() {
            switch frame.kind {
            case .input where inputOpen:
                if !frame.payload.withUnsafeBytes({ writeAll(input, $0) }) {
                    close(input)
                    inputOpen = false
                }
            case .endOfInput where inputOpen:
                close(input)
                inputOpen = false
            case .interrupt:
                interruption.interrupt()
            default:
                break
            }
        }
        // The connection ended: the client exited or was killed.
        interruption.close()
    }
}

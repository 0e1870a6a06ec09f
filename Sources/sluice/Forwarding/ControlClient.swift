import Foundation
import Synchronization

/// The client's side of forwarding: sends a command to the process that owns the data directory,
/// streams standard input to it, prints what comes back and returns the owner's exit status.
struct ControlClient {
    let channel: ControlChannel

    /// Connects to the owner of `directory`; nil when no process serves it.
    static func connect(dataDirectory directory: String) -> ControlClient? {
        let path = directory + "/sluice.sock"
        guard FileManager.default.fileExists(atPath: path), let descriptor = UnixSocket.connect(to: path) else {
            return nil
        }
        return ControlClient(channel: ControlChannel(descriptor: descriptor))
    }

    /// Runs `arguments` (the command line without the program name) in the owner.
    /// - Parameter readsInput: forward standard input (otherwise the command gets none).
    func forward(arguments: [String], readsInput: Bool) -> Int32 {
        var payload = Array(FileManager.default.currentDirectoryPath.utf8)
        for argument in arguments {
            payload.append(0)
            payload += Array(argument.utf8)
        }
        let channel = self.channel
        guard payload.withUnsafeBytes({ channel.send(.arguments, $0) }) else { return lostOwner() }
        let interrupts = Atomic<Int>(0)
        SignalWatcher.route([SIGINT]) { _ in
            // The first Ctrl-C asks the owner to stop the command; a second one gives up waiting.
            if interrupts.add(1, ordering: .relaxed).newValue > 1 { _exit(130) }
            channel.send(.interrupt, "")
        }
        if readsInput {
            let thread = Thread { Self.sendStandardInput(channel) }
            thread.name = "sluice-stdin"
            thread.start()
        } else {
            channel.send(.endOfInput, "")
        }
        while let frame = channel.receive() {
            switch frame.kind {
            case .output: _ = frame.payload.withUnsafeBytes { writeAll(1, $0) }
            case .errorOutput: _ = frame.payload.withUnsafeBytes { writeAll(2, $0) }
            case .exit: return Int32(String(decoding: frame.payload, as: UTF8.self)) ?? 1
            default: break
            }
        }
        return lostOwner()
    }

    private static func sendStandardInput(_ channel: ControlChannel) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(0, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            guard channel.send(.input, UnsafeRawBufferPointer(rebasing: buffer[0..<count])) else { return }
        }
        channel.send(.endOfInput, "")
    }

    private func lostOwner() -> Int32 {
        CommandOutput.standardError.line("error: lost the connection to the process that owns the data directory")
        return 1
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One message on the control socket: a kind byte, a 4-byte big-endian length, the payload.
///
/// A forwarded command runs as: the client sends `.arguments` (the command line, NUL-separated,
/// the first element being the client's working directory), then any `.input` frames and one
/// `.endOfInput`, and `.interrupt` when the user presses Ctrl-C; the owner answers with `.output` /
/// `.errorOutput` frames and a final `.exit` carrying the exit status as text. A connection that
/// closes early stops the command as an interrupt does.
enum ControlFrameKind: UInt8 {
    case arguments = 0x41  // A
    case input = 0x49  // I
    case endOfInput = 0x45  // E
    case interrupt = 0x43  // C
    case output = 0x4F  // O
    case errorOutput = 0x52  // R
    case exit = 0x58  // X
}

struct ControlFrame {
    var kind: ControlFrameKind
    var payload: [UInt8]

    static let maxPayload = 16 << 20
}

/// Blocking frame I/O on a connected socket descriptor, which it owns and closes.
///
/// Any number of threads may send (a frame is written whole under a lock); one thread receives.
final class ControlChannel: Sendable {
    let descriptor: Int32
    private let sending = Mutex(())

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Sends one frame; false when the peer is gone.
    @discardableResult
    func send(_ kind: ControlFrameKind, _ payload: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        repeat {
            let chunk = UnsafeRawBufferPointer(rebasing: payload[offset..<min(payload.count, offset + ControlFrame.maxPayload)])
            let length = UInt32(chunk.count)
            let header = [kind.rawValue, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF),
                          UInt8(length & 0xFF)]
            let sent = sending.withLock { _ in
                header.withUnsafeBytes { writeAll($0) } && writeAll(chunk)
            }
            guard sent else { return false }
            offset += chunk.count
        } while offset < payload.count
        return true
    }

    @discardableResult
    func send(_ kind: ControlFrameKind, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { send(kind, UnsafeRawBufferPointer($0)) }
    }

    /// Stops both directions: a blocked `receive` on another thread returns nil.
    func shutdown() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// The next frame, or `nil` when the peer closed the connection or sent garbage.
    func receive() -> ControlFrame? {
        guard let header = readExactly(5), let kind = ControlFrameKind(rawValue: header[0]) else { return nil }
        let length = Int(header[1]) << 24 | Int(header[2]) << 16 | Int(header[3]) << 8 | Int(header[4])
        guard length <= ControlFrame.maxPayload, let payload = readExactly(length) else { return nil }
        return ControlFrame(kind: kind, payload: payload)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = Glibc.send(descriptor, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    private func readExactly(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                recv(descriptor, buffer.baseAddress! + received, count - received, 0)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            received += n
        }
        return bytes
    }
}

/// Unix-domain socket helpers.
enum UnixSocket {
    /// Fills a `sockaddr_un` for `path`; `nil` when the path is too long for one.
    static func address(_ path: String) -> sockaddr_un? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    /// Connects to a listening socket; `nil` if nobody listens there.
    static func connect(to path: String) -> Int32? {
        guard var address = address(path) else { return nil }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result != 0 {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// Binds and listens on `path`, replacing a stale socket file.
    static func listen(at path: String) -> Int32? {
        guard var address = address(path) else { return nil }
        unlink(path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, Glibc.listen(descriptor, 16) == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }
}

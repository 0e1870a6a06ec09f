import Foundation
import Synchronization

/// Turns signals into calls on an ordinary thread, so handling Ctrl-C or SIGTERM can take locks,
/// cancel queries and write output (none of which is allowed inside a signal handler).
///
/// The handler only writes the signal number to a pipe; a thread reads the pipe and calls the
/// routed closure.
enum SignalWatcher {
    /// Routes `signals` to `handler` from now on, replacing the previous routing.
    static func route(_ signals: [Int32], to handler: @escaping @Sendable (Int32) -> Void) {
        startOnce()
        routing.withLock { $0 = handler }
        for signo in signals { signal(signo, forwardSignal) }
    }

    /// Restores the default action of `signals`.
    static func restoreDefault(_ signals: [Int32]) {
        for signo in signals { signal(signo, SIG_DFL) }
    }

    private static let routing = Mutex<(@Sendable (Int32) -> Void)?>(nil)
    private static let started = Mutex(false)

    private static func startOnce() {
        started.withLock { started in
            guard !started else { return }
            started = true
            var descriptors: [Int32] = [0, 0]
            guard pipe(&descriptors) == 0 else { return }
            _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
            signalWriteDescriptor = descriptors[1]
            let readEnd = descriptors[0]
            let thread = Thread {
                var byte: UInt8 = 0
                while true {
                    let count = read(readEnd, &byte, 1)
                    if count < 0 && errno == EINTR { continue }
                    if count <= 0 { return }
                    let handler = routing.withLock { $0 }
                    handler?(Int32(byte))
                }
            }
            thread.name = "sluice-signals"
            thread.start()
        }
    }
}

/// The write end of the signal pipe; set once before any handler is installed.
nonisolated(unsafe) private var signalWriteDescriptor: Int32 = -1

/// The signal handler: async-signal-safe, it only writes one byte.
private func forwardSignal(_ signo: Int32) {
    var byte = UInt8(truncatingIfNeeded: signo)
    _ = write(signalWriteDescriptor, &byte, 1)
}

import Foundation

/// A pipe that a thread (or Ctrl-C) writes to so that a blocking `poll` elsewhere wakes up.
final class WakePipe: Sendable {
    /// Becomes readable after `signal()`.
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            }
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    func signal() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Forgets earlier signals; returns whether there were any.
    @discardableResult
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        var any = false
        while read(readDescriptor, &buffer, buffer.count) > 0 { any = true }
        return any
    }

    /// Waits until `descriptor` is readable (true), or the pipe is signalled or `timeoutMilliseconds`
    /// pass (false; -1 waits as long as it takes).
    func waitForInput(on descriptor: Int32, timeoutMilliseconds: Int32 = -1) -> Bool {
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&fds, 2, timeoutMilliseconds)
            if ready == 0 { return false }
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { return true }
            if fds[1].revents != 0 { return false }
            if fds[0].revents != 0 { return true }
        }
    }
}

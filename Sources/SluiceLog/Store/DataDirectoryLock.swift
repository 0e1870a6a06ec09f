// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Another process owns the data directory.
public struct DataDirectoryLockError: Error, Sendable, Equatable, CustomStringConvertible {
    public var directory: String
    /// The owner's process id, when it could be read.
    public var ownerPID: Int32?
    /// The owner's command line, when it could be read.
    public var ownerCommand: String?

    public var description: String {
        let owner = ownerPID.map { "pid \($0)" } ?? "another process"
        let command = ownerCommand.map { " (\($0))" } ?? ""
        return "data directory \(directory) is in use by \(owner)\(command); stop it or choose another --data"
    }
}

/// Exclusive ownership of a data directory by one process, through `flock` on `<data>/sluice.lock`.
///
/// The file holds the owner's pid and command line so a second process can say who owns the
/// directory. The kernel releases a `flock` when its process dies, even by `kill -9`, so a crashed
/// owner never leaves the directory locked. The lock is released when the value is deallocated.
public final class DataDirectoryLock: Sendable {
    /// The data directory.
    public let directory: String
    /// The lock file.
    public let path: String
    private let fd: Int32

    /// Whether another process holds the lock of `directory` right now (false when there is no
    /// lock file, or it is free).
    public static func isHeld(directory: String) -> Bool {
        let fd = open(directory + "/sluice.lock", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    /// Takes the lock, creating the directory if needed.
    /// - Parameter command: what to record as the owner (shown to other processes).
    /// - Throws: `DataDirectoryLockError` when another process holds it, `LogError.io` on I/O failure.
    public init(directory: String, command: String) throws {
        try PosixFileSystem().createDirectory(directory)
        let path = directory + "/sluice.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LogError.io(operation: "open", path: path, errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            let owner = Self.readOwner(fd: fd)
            close(fd)
            guard error == EWOULDBLOCK else { throw LogError.io(operation: "flock", path: path, errno: error) }
            throw DataDirectoryLockError(directory: directory, ownerPID: owner.pid, ownerCommand: owner.command)
        }
        let record = Array("pid \(getpid())\ncommand \(command)\n".utf8)
        ftruncate(fd, 0)
        _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.directory = directory
        self.path = path
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The owner recorded in a lock file (for messages; the lock itself is the `flock`).
    public static func owner(of directory: String) -> (pid: Int32?, command: String?) {
        let fd = open(directory + "/sluice.lock", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return (nil, nil) }
        defer { close(fd) }
        return readOwner(fd: fd)
    }

    private static func readOwner(fd: Int32) -> (pid: Int32?, command: String?) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return (nil, nil) }
        var pid: Int32?
        var command: String?
        for line in String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("pid ") { pid = Int32(line.dropFirst(4)) }
            if line.hasPrefix("command ") { command = String(line.dropFirst(8)) }
        }
        return (pid, command)
    }
}

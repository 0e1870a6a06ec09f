// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls (`pread`, `pwrite`, `fsync`, `rename`).
public struct PosixFileSystem: LogFileSystem {
    public init() {}

    public func openFile(_ path: String, create: Bool) throws(LogError) -> any LogFile {
        let flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0)
        let fd = retryOnInterrupt { open(path, flags, 0o644) }
        guard fd >= 0 else { throw LogError.io(operation: "open", path: path, errno: errno) }
        return PosixFile(fd: fd, path: path)
    }

    public func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public func fileSize(_ path: String) throws(LogError) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw LogError.io(operation: "stat", path: path, errno: errno) }
        return Int64(info.st_size)
    }

    public func createDirectory(_ path: String) throws(LogError) {
        if isDirectory(path) { return }
        let parent = parentDirectory(of: path)
        if parent != path, parent != ".", parent != "/", !exists(parent) {
            try createDirectory(parent)
        }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw LogError.io(operation: "mkdir", path: path, errno: errno)
        }
    }

    public func contentsOfDirectory(_ path: String) throws(LogError) -> [String] {
        guard let dir = opendir(path) else { throw LogError.io(operation: "opendir", path: path, errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func remove(_ path: String) throws(LogError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw LogError.io(operation: "stat", path: path, errno: errno)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in try contentsOfDirectory(path) { try remove(path + "/" + name) }
            guard rmdir(path) == 0 || errno == ENOENT else {
                throw LogError.io(operation: "rmdir", path: path, errno: errno)
            }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else {
                throw LogError.io(operation: "unlink", path: path, errno: errno)
            }
        }
    }

    public func rename(_ source: String, to destination: String) throws(LogError) {
        guard Glibc.rename(source, destination) == 0 else {
            throw LogError.io(operation: "rename", path: source + " -> " + destination, errno: errno)
        }
    }

    public func syncDirectory(_ path: String) throws(LogError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw LogError.io(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw LogError.io(operation: "fsync", path: path, errno: errno) }
    }

    public func modificationTime(_ path: String) throws(LogError) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw LogError.io(operation: "stat", path: path, errno: errno) }
        return Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
    }

    public func setModificationTime(_ path: String, to milliseconds: Int64) throws(LogError) {
        let time = timespec(tv_sec: Int(milliseconds / 1000), tv_nsec: Int(milliseconds % 1000) * 1_000_000)
        var times = (time, time)
        let result = withUnsafePointer(to: &times) { pointer in
            pointer.withMemoryRebound(to: timespec.self, capacity: 2) { utimensat(AT_FDCWD, path, $0, 0) }
        }
        guard result == 0 else { throw LogError.io(operation: "utimensat", path: path, errno: errno) }
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

/// A file descriptor, closed when the last reference goes away.
final class PosixFile: LogFile {
    let fd: Int32
    let path: String

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    func size() throws(LogError) -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw LogError.io(operation: "fstat", path: path, errno: errno) }
        return Int64(info.st_size)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(LogError) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw LogError.io(operation: "pread", path: path, errno: errno)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(LogError) {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw LogError.io(operation: "pwrite", path: path, errno: errno)
            }
            done += n
        }
    }

    func truncate(to size: Int64) throws(LogError) {
        guard retryOnInterrupt({ ftruncate(fd, off_t(size)) }) == 0 else {
            throw LogError.io(operation: "ftruncate", path: path, errno: errno)
        }
    }

    func sync() throws(LogError) {
        guard retryOnInterrupt({ fdatasync(fd) }) == 0 else {
            throw LogError.io(operation: "fdatasync", path: path, errno: errno)
        }
    }
}

private func retryOnInterrupt(_ call: () -> Int32) -> Int32 {
    while true {
        let result = call()
        if result >= 0 || errno != EINTR { return result }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system operations checkpoints and snapshots need, reporting `errno` as a
/// `StateStoreError` that names the path.
enum StateFiles {
    static func error(_ operation: String, _ path: String, _ code: Int32 = errno) -> StateStoreError {
        StateStoreError(operation: operation, message: "\(path): \(String(cString: strerror(code)))")
    }

    /// Whether something exists at `path` (a dangling symbolic link counts).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates `path` and any missing parents; an existing directory is fine.
    static func makeDirectories(_ path: String, operation: String) throws(StateStoreError) {
        if isDirectory(path) { return }
        let parent = parentDirectory(of: path)
        if !parent.isEmpty && parent != path {
            try makeDirectories(parent, operation: operation)
        }
        if mkdir(path, 0o755) != 0 && !(errno == EEXIST && isDirectory(path)) {
            throw error(operation, path)
        }
    }

    static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The names in a directory, without `.` and `..`.
    static func contents(of path: String, operation: String) throws(StateStoreError) -> [String] {
        guard let directory = opendir(path) else { throw error(operation, path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes a file or a whole directory tree; a missing path is fine.
    static func removeTree(_ path: String, operation: String) throws(StateStoreError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw error(operation, path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in try contents(of: path, operation: operation) {
                try removeTree(path + "/" + name, operation: operation)
            }
            if rmdir(path) != 0 { throw error(operation, path) }
        } else if unlink(path) != 0 && errno != ENOENT {
            throw error(operation, path)
        }
    }

    static func move(_ source: String, to destination: String, operation: String) throws(StateStoreError) {
        if rename(source, destination) != 0 { throw error(operation, source) }
    }

    /// Hard-links `source` to `destination`, copying when the file system can't link.
    static func linkOrCopy(_ source: String, to destination: String, operation: String) throws(StateStoreError) {
        if link(source, destination) == 0 { return }
        guard errno == EXDEV || errno == EPERM || errno == EMLINK || errno == ENOTSUP else {
            throw error(operation, destination)
        }
        try copyFile(source, to: destination, operation: operation)
    }

    static func copyFile(_ source: String, to destination: String, operation: String) throws(StateStoreError) {
        try writeFile(destination, try readFile(source, operation: operation), operation: operation)
    }

    static func readFile(_ path: String, operation: String) throws(StateStoreError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error(operation, path) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw error(operation, path)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Creates (or truncates) `path`, writes `bytes` and syncs the file.
    static func writeFile(_ path: String, _ bytes: [UInt8], operation: String) throws(StateStoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw error(operation, path) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw error(operation, path)
            }
            written += count
        }
        if fsync(descriptor) != 0 { throw error(operation, path) }
    }

    /// Replaces `path` with `bytes` so a crash leaves either the old or the new file, never a mix.
    static func writeFileAtomically(_ path: String, _ bytes: [UInt8], operation: String) throws(StateStoreError) {
        let temporary = path + ".tmp"
        try writeFile(temporary, bytes, operation: operation)
        try move(temporary, to: path, operation: operation)
        syncDirectory(parentDirectory(of: path))
    }

    /// Makes renames and new entries in a directory durable; best effort, as not every file system
    /// supports syncing a directory.
    static func syncDirectory(_ path: String) {
        let descriptor = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

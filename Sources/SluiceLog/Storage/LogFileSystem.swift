// SPDX-License-Identifier: Apache-2.0

/// The file operations the log store performs, so tests can swap the disk for a simulated one.
///
/// `PosixFileSystem` is the real implementation; `SimulatedFileSystem` keeps files in memory and can
/// drop every byte that was not yet synced, as a power loss would. Implementations must be safe to
/// call from several threads at once. Paths are plain `/`-separated strings.
public protocol LogFileSystem: Sendable {
    /// Opens a file for reading and writing, creating it empty when `create` is true and it is missing.
    func openFile(_ path: String, create: Bool) throws(LogError) -> any LogFile
    /// Whether a file or directory exists at `path`.
    func exists(_ path: String) -> Bool
    /// The size of the file at `path`.
    func fileSize(_ path: String) throws(LogError) -> Int64
    /// Creates a directory and any missing parents.
    func createDirectory(_ path: String) throws(LogError)
    /// The names (not paths) of the entries of a directory, in no particular order.
    func contentsOfDirectory(_ path: String) throws(LogError) -> [String]
    /// Removes a file, or a directory and everything in it. Removing a missing path is not an error.
    func remove(_ path: String) throws(LogError)
    /// Renames atomically, replacing `destination` if it exists.
    func rename(_ source: String, to destination: String) throws(LogError)
    /// Makes the directory's entries (created, renamed, removed files) durable.
    func syncDirectory(_ path: String) throws(LogError)
    /// The last modification time of a file, in epoch milliseconds.
    func modificationTime(_ path: String) throws(LogError) -> Int64
    /// Sets the last modification time of a file, in epoch milliseconds.
    func setModificationTime(_ path: String, to milliseconds: Int64) throws(LogError)
}

/// An open file. Reads and writes are positional, so several threads may read while one writes.
public protocol LogFile: AnyObject, Sendable {
    /// The current size of the file.
    func size() throws(LogError) -> Int64
    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read (fewer only at the end of the file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(LogError) -> Int
    /// Writes all of `bytes` at `offset`, extending the file as needed.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(LogError)
    /// Cuts the file to `size` bytes.
    func truncate(to size: Int64) throws(LogError)
    /// Makes everything written so far durable (fsync).
    func sync() throws(LogError)
}

extension LogFile {
    /// Reads from `offset` to the end of the file (or `count` bytes) into a new array (not for hot paths).
    func readAll(at offset: Int64 = 0, count: Int? = nil) throws(LogError) -> [UInt8] {
        let available = Int(try size() - offset)
        let total = min(available, count ?? available)
        guard total > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: total)
        var done = 0
        while done < total {
            var outcome: Result<Int, LogError> = .success(0)
            bytes.withUnsafeMutableBytes { raw in
                outcome = Result { () throws(LogError) -> Int in
                    try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[done...]), at: offset + Int64(done))
                }
            }
            let n = try outcome.get()
            if n == 0 { break }
            done += n
        }
        return done == total ? bytes : Array(bytes[0..<done])
    }

    /// Writes a whole array at `offset`.
    func write(_ bytes: [UInt8], at offset: Int64) throws(LogError) {
        var outcome: Result<Void, LogError> = .success(())
        bytes.withUnsafeBytes { raw in outcome = Result { () throws(LogError) in try write(raw, at: offset) } }
        try outcome.get()
    }
}

extension LogFileSystem {
    /// Writes `bytes` to `path` so that a crash leaves either the old or the new content:
    /// a temporary file is written and synced, then renamed over `path`, then the directory is synced.
    func writeAtomically(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(LogError) {
        let temporary = path + ".tmp"
        let file = try openFile(temporary, create: true)
        try file.truncate(to: 0)
        try file.write(bytes, at: 0)
        if sync { try file.sync() }
        try rename(temporary, to: path)
        if sync { try syncDirectory(parentDirectory(of: path)) }
    }
}

/// The directory part of a path (`"a/b/c"` → `"a/b"`).
func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

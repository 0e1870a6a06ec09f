// SPDX-License-Identifier: Apache-2.0
import Synchronization

/// An in-memory file system that remembers which bytes were synced, to test what survives a power loss.
///
/// Every file keeps its current content and its durable content (as of its last `sync()`).
/// `simulatePowerLoss()` throws away every byte written since, file by file, exactly as a machine
/// that loses its page cache would; `simulateProcessCrash()` loses nothing, as a `kill -9` would.
/// Directory changes (create, rename, remove) count as durable at once, which is kinder than ext4 but
/// keeps the model small; file contents are what the tests are about.
public final class SimulatedFileSystem: LogFileSystem {
    final class Node: @unchecked Sendable {
        var current: [UInt8] = []
        var durable: [UInt8] = []
        var modified: Int64 = 0
    }

    private struct State {
        var files: [String: Node] = [:]
        var directories: Set<String> = ["/", "."]
    }

    private let state = Mutex(State())
    private let clock: @Sendable () -> Int64

    /// - Parameter clock: epoch milliseconds used for modification times.
    public init(clock: @escaping @Sendable () -> Int64 = { wallClockMilliseconds() }) {
        self.clock = clock
    }

    /// Drops every byte that was written but not synced, in every file.
    ///
    /// - Parameter tearingWrites: keep a random part of each file's unsynced appended bytes, as a disk
    ///   that wrote some sectors of the last write before the power went would (a torn tail).
    public func simulatePowerLoss(tearingWrites: Bool = false) {
        state.withLock { state in
            for node in state.files.values {
                if tearingWrites && node.current.count > node.durable.count
                    && node.current[0..<node.durable.count].elementsEqual(node.durable)
                {
                    let kept = Int.random(in: node.durable.count...node.current.count)
                    node.current.removeSubrange(kept...)
                } else {
                    node.current = node.durable
                }
                node.durable = node.current
            }
        }
    }

    /// Whether any file holds bytes that a power loss would drop.
    public var hasUnsyncedData: Bool {
        state.withLock { state in state.files.values.contains { $0.current != $0.durable } }
    }

    /// Replaces a file's content outright (current and durable), as a test that corrupts a file does.
    public func overwrite(_ path: String, with bytes: [UInt8]) {
        state.withLock { state in
            let node = state.files[path] ?? Node()
            node.current = bytes
            node.durable = bytes
            state.files[path] = node
        }
    }

    /// A file's current content, or nil when it does not exist.
    public func contents(of path: String) -> [UInt8]? {
        state.withLock { $0.files[path]?.current }
    }

    public func openFile(_ path: String, create: Bool) throws(LogError) -> any LogFile {
        let now = clock()
        let node: Node? = state.withLock { state in
            if let node = state.files[path] { return node }
            guard create, state.directories.contains(parentDirectory(of: path)) else { return nil }
            let node = Node()
            node.modified = now
            state.files[path] = node
            return node
        }
        guard let node else { throw LogError.io(operation: "open", path: path, errno: 2) }
        return SimulatedFile(node: node, path: path, system: self)
    }

    public func exists(_ path: String) -> Bool {
        state.withLock { $0.files[path] != nil || $0.directories.contains(path) }
    }

    public func fileSize(_ path: String) throws(LogError) -> Int64 {
        guard let size = state.withLock({ $0.files[path]?.current.count }) else {
            throw LogError.io(operation: "stat", path: path, errno: 2)
        }
        return Int64(size)
    }

    public func createDirectory(_ path: String) throws(LogError) {
        state.withLock { state in
            var current = path
            while !state.directories.contains(current) && current != "." && current != "/" {
                state.directories.insert(current)
                current = parentDirectory(of: current)
            }
        }
    }

    public func contentsOfDirectory(_ path: String) throws(LogError) -> [String] {
        let names: [String]? = state.withLock { state in
            guard state.directories.contains(path) else { return nil }
            let prefix = path + "/"
            var names: Set<String> = []
            for candidate in state.files.keys where candidate.hasPrefix(prefix) {
                let rest = candidate.dropFirst(prefix.count)
                if !rest.contains("/") { names.insert(String(rest)) }
            }
            for candidate in state.directories where candidate.hasPrefix(prefix) {
                let rest = candidate.dropFirst(prefix.count)
                if !rest.contains("/") { names.insert(String(rest)) }
            }
            return Array(names)
        }
        guard let names else { throw LogError.io(operation: "opendir", path: path, errno: 2) }
        return names
    }

    public func remove(_ path: String) throws(LogError) {
        state.withLock { state in
            let prefix = path + "/"
            state.files[path] = nil
            for key in state.files.keys where key.hasPrefix(prefix) { state.files[key] = nil }
            state.directories = state.directories.filter { $0 != path && !$0.hasPrefix(prefix) }
        }
    }

    public func rename(_ source: String, to destination: String) throws(LogError) {
        let moved: Bool = state.withLock { state in
            if let node = state.files.removeValue(forKey: source) {
                state.files[destination] = node
                return true
            }
            guard state.directories.contains(source) else { return false }
            let prefix = source + "/"
            for key in state.files.keys where key.hasPrefix(prefix) {
                state.files[destination + "/" + key.dropFirst(prefix.count)] = state.files.removeValue(forKey: key)
            }
            state.directories = Set(
                state.directories.map { directory in
                    if directory == source { return destination }
                    if directory.hasPrefix(prefix) { return destination + "/" + directory.dropFirst(prefix.count) }
                    return directory
                })
            return true
        }
        guard moved else { throw LogError.io(operation: "rename", path: source, errno: 2) }
    }

    public func syncDirectory(_ path: String) throws(LogError) {}

    public func modificationTime(_ path: String) throws(LogError) -> Int64 {
        guard let time = state.withLock({ $0.files[path]?.modified }) else {
            throw LogError.io(operation: "stat", path: path, errno: 2)
        }
        return time
    }

    public func setModificationTime(_ path: String, to milliseconds: Int64) throws(LogError) {
        guard
            state.withLock({ state -> Bool in
                guard let node = state.files[path] else { return false }
                node.modified = milliseconds
                return true
            })
        else { throw LogError.io(operation: "utimensat", path: path, errno: 2) }
    }

    fileprivate func withNode<T>(_ node: Node, _ body: (Node) -> T) -> T {
        state.withLock { _ in body(node) }
    }

    fileprivate var now: Int64 { clock() }
}

/// An open simulated file; it keeps working after a rename or removal, as a file descriptor does.
final class SimulatedFile: LogFile {
    private let node: SimulatedFileSystem.Node
    private let path: String
    private let system: SimulatedFileSystem

    init(node: SimulatedFileSystem.Node, path: String, system: SimulatedFileSystem) {
        self.node = node
        self.path = path
        self.system = system
    }

    func size() throws(LogError) -> Int64 {
        system.withNode(node) { Int64($0.current.count) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(LogError) -> Int {
        system.withNode(node) { node in
            let start = Int(offset)
            guard start < node.current.count else { return 0 }
            let count = min(buffer.count, node.current.count - start)
            node.current.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + start, byteCount: count)
            }
            return count
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(LogError) {
        guard bytes.count > 0 else { return }
        let now = system.now
        system.withNode(node) { node in
            let start = Int(offset)
            let end = start + bytes.count
            if node.current.count < end {
                node.current.append(contentsOf: repeatElement(0, count: end - node.current.count))
            }
            node.current.withUnsafeMutableBytes { target in
                target.baseAddress!.advanced(by: start).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            }
            node.modified = now
        }
    }

    func truncate(to size: Int64) throws(LogError) {
        system.withNode(node) { node in
            let size = Int(size)
            if size < node.current.count {
                node.current.removeSubrange(size...)
            } else {
                node.current.append(contentsOf: repeatElement(0, count: size - node.current.count))
            }
        }
    }

    func sync() throws(LogError) {
        system.withNode(node) { node in node.durable = node.current }
    }
}

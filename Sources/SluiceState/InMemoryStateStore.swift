import Synchronization

/// A `StateStore` held in memory: for tests and the REPL's ephemeral queries.
///
/// Without a directory the store lives and dies with the process. With one, it loads
/// `state.snapshot` from there when opened and rewrites that whole file on `flush()`, `close()` and
/// every `commit(_:sync: true)`; other writes since then are lost if the process dies.
/// `checkpoint(to:)` writes the same file into a new directory, so checkpoints restore like RocksDB's.
///
/// Point operations are hash lookups; the sorted key order that cursors need is rebuilt lazily
/// after the set of keys changes.
public final class InMemoryStateStore: StateStore {
    private struct Storage {
        var values: [[UInt8]: [UInt8]]
        /// The keys of `values` in bytewise order, or `nil` after a key was added or removed.
        var sortedKeys: [[UInt8]]?
        var isClosed = false

        mutating func put(_ key: [UInt8], _ value: [UInt8]) {
            if values.updateValue(value, forKey: key) == nil { sortedKeys = nil }
        }

        mutating func delete(_ key: [UInt8]) {
            if values.removeValue(forKey: key) != nil { sortedKeys = nil }
        }

        mutating func ensureSorted() -> [[UInt8]] {
            if let sortedKeys { return sortedKeys }
            let sorted = values.keys.sorted { compareBytes($0, $1) < 0 }
            sortedKeys = sorted
            return sorted
        }

        func snapshot() -> [UInt8] {
            StateSnapshotFile.encode(values.lazy.map { (key: $0.key, value: $0.value) }, count: values.count)
        }
    }

    private let storage: Mutex<Storage>
    /// Where the store persists itself, if anywhere.
    public let directory: String?

    /// An empty store that persists nothing.
    public init() {
        directory = nil
        storage = Mutex(Storage(values: [:]))
    }

    /// Opens the store persisted in `directory`, creating the directory when it is missing.
    ///
    /// - Throws: `StateStoreError` when the directory can't be created or its snapshot is corrupt.
    public init(directory: String) throws(StateStoreError) {
        self.directory = directory
        try StateFiles.makeDirectories(directory, operation: "open")
        let path = directory + "/" + StateSnapshotFile.name
        var values: [[UInt8]: [UInt8]] = [:]
        if StateFiles.exists(path) {
            values = try StateSnapshotFile.decode(try StateFiles.readFile(path, operation: "open"), path: path)
        }
        storage = Mutex(Storage(values: values))
    }

    /// Replaces `directory` with a copy of the checkpoint in `checkpoint` and opens the store there.
    /// Any store open on `directory` must be closed first.
    public static func restore(from checkpoint: String, into directory: String) throws(StateStoreError)
        -> InMemoryStateStore
    {
        try StateCheckpoints.restore(from: checkpoint, into: directory)
        return try InMemoryStateStore(directory: directory)
    }

    private func withOpenStorage<R>(
        _ operation: String,
        _ body: (inout Storage) throws(StateStoreError) -> R
    ) throws(StateStoreError) -> R {
        try storage.withLock { (storage) throws(StateStoreError) -> R in
            guard !storage.isClosed else { throw .closed(operation) }
            return try body(&storage)
        }
    }

    /// Rewrites the snapshot file, if the store has a directory. Called with the lock held, so
    /// snapshots reach the file in the order they were taken.
    private func persist(_ storage: Storage, operation: String) throws(StateStoreError) {
        guard let directory else { return }
        let path = directory + "/" + StateSnapshotFile.name
        try StateFiles.writeFileAtomically(path, storage.snapshot(), operation: operation)
    }

    public func get(_ key: [UInt8]) throws(StateStoreError) -> [UInt8]? {
        try withOpenStorage("get") { $0.values[key] }
    }

    public func put(_ key: [UInt8], _ value: [UInt8]) throws(StateStoreError) {
        try withOpenStorage("put") { $0.put(key, value) }
    }

    public func delete(_ key: [UInt8]) throws(StateStoreError) {
        try withOpenStorage("delete") { $0.delete(key) }
    }

    public func commit(_ batch: StateWriteBatch, sync: Bool) throws(StateStoreError) {
        // The whole batch is applied under one lock acquisition, so no reader sees half of it.
        try withOpenStorage("commit") { (storage) throws(StateStoreError) in
            batch.forEachOperation { operation in
                switch operation {
                case .put(let key, let value): storage.put(Array(key), Array(value))
                case .delete(let key): storage.delete(Array(key))
                }
            }
            if sync { try persist(storage, operation: "commit") }
        }
    }

    public func makeCursor(over range: StateKeyRange) throws(StateStoreError) -> any StateCursor {
        if range.isEmpty { return EmptyStateCursor() }
        return try withOpenStorage("iterate") { storage in
            let keys = storage.ensureSorted()
            let start = firstIndex(in: keys) { compareBytes($0, range.lowerBound) >= 0 }
            let end = range.upperBound.map { upper in firstIndex(in: keys) { compareBytes($0, upper) >= 0 } }
            // Both copies share storage with the store until the store is next written (copy on write),
            // which gives the cursor a snapshot without copying anything up front.
            return InMemoryCursor(keys: keys[start..<max(start, end ?? keys.count)], values: storage.values)
        }
    }

    public func flush() throws(StateStoreError) {
        try withOpenStorage("flush") { (storage) throws(StateStoreError) in
            try persist(storage, operation: "flush")
        }
    }

    public func checkpoint(to directory: String) throws(StateStoreError) {
        let bytes = try withOpenStorage("checkpoint") { $0.snapshot() }
        guard !StateFiles.exists(directory) else {
            throw StateStoreError(operation: "checkpoint", message: "\(directory): already exists")
        }
        try StateFiles.makeDirectories(directory, operation: "checkpoint")
        try StateFiles.writeFile(directory + "/" + StateSnapshotFile.name, bytes, operation: "checkpoint")
        StateFiles.syncDirectory(directory)
    }

    public func close() throws(StateStoreError) {
        try storage.withLock { (storage) throws(StateStoreError) in
            guard !storage.isClosed else { return }
            try persist(storage, operation: "close")
            storage.isClosed = true
        }
    }
}

/// The first index of `keys` (sorted) whose key satisfies `isAtOrAfter`, a predicate that is false
/// and then true along the array.
private func firstIndex(in keys: [[UInt8]], where isAtOrAfter: ([UInt8]) -> Bool) -> Int {
    var low = 0
    var high = keys.count
    while low < high {
        let middle = (low + high) / 2
        if isAtOrAfter(keys[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
}

final class InMemoryCursor: StateCursor {
    private let keys: ArraySlice<[UInt8]>
    private let values: [[UInt8]: [UInt8]]
    private var index: Int

    init(keys: ArraySlice<[UInt8]>, values: [[UInt8]: [UInt8]]) {
        self.keys = keys
        self.values = values
        index = keys.startIndex
    }

    func next() throws(StateStoreError) -> StateEntry? {
        guard index < keys.endIndex else { return nil }
        let key = keys[index]
        index += 1
        guard let value = values[key] else { return nil }
        return StateEntry(key: key, value: value)
    }
}

import CRocksDB
import Synchronization

/// A `StateStore` in a RocksDB database: a job's operator state and checkpoints.
///
/// Safe to share between the tasks of a job. Each operation holds a reference to the open database,
/// so `close()` never frees it under a running operation or an open cursor: the database closes
/// when the last of them finishes.
public final class RocksDBStateStore: StateStore {
    /// How to open the database.
    public struct Options: Sendable {
        /// Create the directory and an empty database when none exists.
        public var createIfMissing: Bool
        /// Bytes of uncompressed blocks cached in memory for reads.
        public var blockCacheBytes: Int
        /// Bytes buffered in the memtable before it is written to a file.
        public var writeBufferBytes: Int
        /// Threads for flushes and compactions.
        public var backgroundThreads: Int
        /// Bloom filter bits per key (0 disables it); it spares a disk read for most missing keys.
        public var bloomFilterBitsPerKey: Double

        public init(
            createIfMissing: Bool = true,
            blockCacheBytes: Int = 64 << 20,
            writeBufferBytes: Int = 32 << 20,
            backgroundThreads: Int = 2,
            bloomFilterBitsPerKey: Double = 10
        ) {
            self.createIfMissing = createIfMissing
            self.blockCacheBytes = blockCacheBytes
            self.writeBufferBytes = writeBufferBytes
            self.backgroundThreads = backgroundThreads
            self.bloomFilterBitsPerKey = bloomFilterBitsPerKey
        }
    }

    /// The database directory.
    public let path: String
    private let database: Mutex<RocksDatabase?>

    /// Opens (or, with `createIfMissing`, creates) the database in `path`.
    ///
    /// - Throws: `StateStoreError` when the directory can't be created, the database is missing,
    ///   locked by another store, or damaged.
    public init(path: String, options: Options = Options()) throws(StateStoreError) {
        self.path = path
        if options.createIfMissing {
            try StateFiles.makeDirectories(path, operation: "open")
        }
        database = Mutex(try RocksDatabase(path: path, options: RocksOptions(options)))
    }

    /// Replaces `path` with a copy of the checkpoint in `checkpoint` and opens the database there.
    /// Any store open on `path` must be closed first.
    public static func restore(from checkpoint: String, into path: String, options: Options = Options())
        throws(StateStoreError) -> RocksDBStateStore
    {
        try StateCheckpoints.restore(from: checkpoint, into: path)
        return try RocksDBStateStore(path: path, options: options)
    }

    private func open(_ operation: String) throws(StateStoreError) -> RocksDatabase {
        guard let database = database.withLock({ $0 }) else { throw .closed(operation) }
        return database
    }

    public func get(_ key: [UInt8]) throws(StateStoreError) -> [UInt8]? {
        let database = try open("get")
        let slice = try withCBytes(key) { key, length throws(StateStoreError) in
            try rocksCall("get") {
                rocksdb_get_pinned(database.handle, database.readOptions.handle, key, length, $0)
            }
        }
        guard let slice else { return nil }
        defer { rocksdb_pinnableslice_destroy(slice) }
        var length = 0
        guard let bytes = rocksdb_pinnableslice_value(slice, &length), length > 0 else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: bytes, count: length))
    }

    public func put(_ key: [UInt8], _ value: [UInt8]) throws(StateStoreError) {
        let database = try open("put")
        try withCBytes(key) { key, keyLength throws(StateStoreError) in
            try withCBytes(value) { value, valueLength throws(StateStoreError) in
                try rocksCall("put") {
                    rocksdb_put(
                        database.handle,
                        database.writeOptions.handle,
                        key,
                        keyLength,
                        value,
                        valueLength,
                        $0
                    )
                }
            }
        }
    }

    public func delete(_ key: [UInt8]) throws(StateStoreError) {
        let database = try open("delete")
        try withCBytes(key) { key, length throws(StateStoreError) in
            try rocksCall("delete") { rocksdb_delete(database.handle, database.writeOptions.handle, key, length, $0) }
        }
    }

    public func commit(_ batch: StateWriteBatch, sync: Bool) throws(StateStoreError) {
        let database = try open("commit")
        let writeBatch = RocksWriteBatch(batch)
        let writeOptions = sync ? database.syncWriteOptions : database.writeOptions
        try rocksCall("commit") { rocksdb_write(database.handle, writeOptions.handle, writeBatch.handle, $0) }
    }

    public func makeCursor(over range: StateKeyRange) throws(StateStoreError) -> any StateCursor {
        let database = try open("iterate")
        if range.isEmpty { return EmptyStateCursor() }
        return RocksDBCursor(database: database, range: range)
    }

    public func flush() throws(StateStoreError) {
        let database = try open("flush")
        let flushOptions = RocksFlushOptions()
        try rocksCall("flush") { rocksdb_flush(database.handle, flushOptions.handle, $0) }
    }

    public func checkpoint(to directory: String) throws(StateStoreError) {
        let database = try open("checkpoint")
        let parent = StateFiles.parentDirectory(of: directory)
        if !parent.isEmpty {
            try StateFiles.makeDirectories(parent, operation: "checkpoint")
        }
        let checkpointer = try RocksCheckpointer(database)
        // A log size of 0 flushes the memtable first, so the checkpoint needs no log replay.
        try rocksCall("checkpoint") { rocksdb_checkpoint_create(checkpointer.handle, directory, 0, $0) }
    }

    public func close() throws(StateStoreError) {
        // Dropping the store's reference closes the database unless an operation or a cursor still
        // holds one; then it closes when that one finishes.
        database.withLock { $0 = nil }
    }
}

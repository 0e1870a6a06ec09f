import CRocksDB

/// A RocksDB iterator over one key range. It keeps its database open until it is released.
final class RocksDBCursor: StateCursor {
    private let database: RocksDatabase
    /// Holds the upper bound the iterator reads until it is destroyed.
    private let readOptions: RocksReadOptions
    private let iterator: OpaquePointer
    private var started = false

    init(database: RocksDatabase, range: StateKeyRange) {
        self.database = database
        readOptions = RocksReadOptions(upperBound: range.upperBound)
        iterator = rocksdb_create_iterator(database.handle, readOptions.handle)
        withCBytes(range.lowerBound) { rocksdb_iter_seek(iterator, $0, $1) }
    }

    deinit {
        // Runs before the stored properties are released, so the iterator goes before its read
        // options and its database, as RocksDB requires.
        rocksdb_iter_destroy(iterator)
    }

    func next() throws(StateStoreError) -> StateEntry? {
        if started {
            rocksdb_iter_next(iterator)
        } else {
            started = true
        }
        guard rocksdb_iter_valid(iterator) != 0 else {
            try rocksCall("iterate") { rocksdb_iter_get_error(iterator, $0) }
            return nil
        }
        return StateEntry(key: copyBytes(rocksdb_iter_key), value: copyBytes(rocksdb_iter_value))
    }

    private func copyBytes(_ read: (OpaquePointer?, UnsafeMutablePointer<Int>?) -> UnsafePointer<CChar>?) -> [UInt8] {
        var length = 0
        guard let bytes = read(iterator, &length), length > 0 else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: bytes, count: length))
    }
}

import CRocksDB

// One final class per RocksDB C handle; each frees its handle in `deinit`. Nothing here is public.

/// Calls a RocksDB function that reports failure through `errptr`, turning the message into a
/// `StateStoreError` and freeing it.
func rocksCall<T>(
    _ operation: String,
    _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> T
) throws(StateStoreError) -> T {
    var error: UnsafeMutablePointer<CChar>? = nil
    let result = body(&error)
    if let error {
        defer { rocksdb_free(error) }
        throw StateStoreError(operation: operation, message: String(cString: error))
    }
    return result
}

/// Calls `body` with a C view of `bytes`; never a null pointer, even for an empty array.
@inline(__always)
func withCBytes<R, E: Error>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>, Int) throws(E) -> R) throws(E) -> R {
    // `Array.withUnsafeBytes` rethrows untyped errors, so the typed error travels in a `Result`.
    let result = bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<R, E> in
        let base = raw.baseAddress.map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) } ?? emptyCBytes
        do throws(E) {
            return .success(try body(base, raw.count))
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}

/// What an empty key or value points at: RocksDB reads zero bytes from it.
nonisolated(unsafe) let emptyCBytes: UnsafePointer<CChar> = {
    let byte = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    byte.initialize(to: 0)
    return UnsafePointer(byte)
}()

/// Database options, with the block cache and bloom filter configured.
final class RocksOptions {
    let handle: OpaquePointer

    init(_ settings: RocksDBStateStore.Options) {
        handle = rocksdb_options_create()
        rocksdb_options_set_create_if_missing(handle, settings.createIfMissing ? 1 : 0)
        rocksdb_options_increase_parallelism(handle, Int32(clamping: settings.backgroundThreads))
        rocksdb_options_set_write_buffer_size(handle, settings.writeBufferBytes)
        // One old info log is plenty; without a limit every reopen leaves another LOG.old file.
        rocksdb_options_set_keep_log_file_num(handle, 2)

        // RocksDB copies the table options into its table factory and shares the cache by reference
        // count, so both temporary handles can be released as soon as they are installed.
        let tableOptions = rocksdb_block_based_options_create()
        defer { rocksdb_block_based_options_destroy(tableOptions) }
        let cache = rocksdb_cache_create_lru(settings.blockCacheBytes)
        defer { rocksdb_cache_destroy(cache) }
        rocksdb_block_based_options_set_block_cache(tableOptions, cache)
        if settings.bloomFilterBitsPerKey > 0 {
            // The table options take ownership of the filter policy.
            rocksdb_block_based_options_set_filter_policy(
                tableOptions,
                rocksdb_filterpolicy_create_bloom_full(settings.bloomFilterBitsPerKey)
            )
        }
        rocksdb_options_set_block_based_table_factory(handle, tableOptions)
    }

    deinit { rocksdb_options_destroy(handle) }
}

/// Read options; for a cursor also its upper bound, whose bytes RocksDB reads but does not copy.
final class RocksReadOptions {
    let handle: OpaquePointer
    private let upperBound: UnsafeMutableRawBufferPointer?

    init(upperBound bound: [UInt8]? = nil) {
        handle = rocksdb_readoptions_create()
        if let bound {
            let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bound.count, 1), alignment: 1)
            bytes.copyBytes(from: bound)
            upperBound = bytes
            rocksdb_readoptions_set_iterate_upper_bound(
                handle,
                bytes.baseAddress!.assumingMemoryBound(to: CChar.self),
                bound.count
            )
        } else {
            upperBound = nil
        }
    }

    deinit {
        rocksdb_readoptions_destroy(handle)
        upperBound?.deallocate()
    }
}

final class RocksWriteOptions {
    let handle: OpaquePointer

    init(sync: Bool) {
        handle = rocksdb_writeoptions_create()
        rocksdb_writeoptions_set_sync(handle, sync ? 1 : 0)
    }

    deinit { rocksdb_writeoptions_destroy(handle) }
}

final class RocksFlushOptions {
    let handle: OpaquePointer

    init() {
        handle = rocksdb_flushoptions_create()
        rocksdb_flushoptions_set_wait(handle, 1)
    }

    deinit { rocksdb_flushoptions_destroy(handle) }
}

/// A RocksDB write batch filled from a `StateWriteBatch`.
final class RocksWriteBatch {
    let handle: OpaquePointer

    init(_ batch: StateWriteBatch) {
        handle = rocksdb_writebatch_create()
        batch.forEachOperation { operation in
            switch operation {
            case .put(let key, let value):
                rocksdb_writebatch_put(handle, cBytes(key), key.count, cBytes(value), value.count)
            case .delete(let key):
                rocksdb_writebatch_delete(handle, cBytes(key), key.count)
            }
        }
    }

    deinit { rocksdb_writebatch_destroy(handle) }

    private func cBytes(_ bytes: UnsafeRawBufferPointer) -> UnsafePointer<CChar> {
        bytes.baseAddress.map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) } ?? emptyCBytes
    }
}

/// RocksDB's checkpoint object for one open database.
final class RocksCheckpointer {
    let handle: OpaquePointer
    private let database: RocksDatabase

    init(_ database: RocksDatabase) throws(StateStoreError) {
        let created: OpaquePointer? = try rocksCall("checkpoint") {
            rocksdb_checkpoint_object_create(database.handle, $0)
        }
        guard let created else {
            throw StateStoreError(operation: "checkpoint", message: "RocksDB created no checkpoint object")
        }
        handle = created
        self.database = database
    }

    deinit { rocksdb_checkpoint_object_destroy(handle) }
}

/// An open RocksDB database together with the options it was opened with and the read and write
/// options every operation uses. RocksDB handles are safe to use from several threads at once.
final class RocksDatabase: @unchecked Sendable {
    let handle: OpaquePointer
    let options: RocksOptions
    let readOptions = RocksReadOptions()
    let writeOptions = RocksWriteOptions(sync: false)
    let syncWriteOptions = RocksWriteOptions(sync: true)

    init(path: String, options: RocksOptions) throws(StateStoreError) {
        let opened: OpaquePointer? = try rocksCall("open") { rocksdb_open(options.handle, path, $0) }
        guard let opened else { throw StateStoreError(operation: "open", message: "\(path): RocksDB opened nothing") }
        handle = opened
        self.options = options
    }

    deinit { rocksdb_close(handle) }
}

/// One key and its value, as a cursor returns them.
public struct StateEntry: Hashable, Sendable {
    public var key: [UInt8]
    public var value: [UInt8]

    public init(key: [UInt8], value: [UInt8]) {
        self.key = key
        self.value = value
    }
}

/// Walks a key range of a store in ascending key order.
///
/// A cursor sees the store as it was when the cursor was made: later writes do not show up in it.
public protocol StateCursor: AnyObject {
    /// Returns the next entry, or `nil` once the range is exhausted.
    ///
    /// - Throws: `StateStoreError` when the underlying storage fails while reading.
    func next() throws(StateStoreError) -> StateEntry?
}

/// Ordered byte-key, byte-value storage for operator state and job checkpoints.
///
/// Implementations keep keys in bytewise order (see `compareBytes`), apply a `StateWriteBatch`
/// all or nothing, and may be shared by the tasks of one job. Operators keep their keys apart with
/// `StateTable`; hot state goes through a `CachedStateTable` so a row never costs one store operation.
///
/// `InMemoryStateStore` (tests, the REPL) and `RocksDBStateStore` (jobs) implement it.
public protocol StateStore: AnyObject, Sendable {
    /// Returns the value stored under `key`, or `nil` when there is none.
    func get(_ key: [UInt8]) throws(StateStoreError) -> [UInt8]?

    /// Stores `value` under `key`, replacing any previous value.
    func put(_ key: [UInt8], _ value: [UInt8]) throws(StateStoreError)

    /// Removes `key`; removing a missing key is not an error.
    func delete(_ key: [UInt8]) throws(StateStoreError)

    /// Applies every operation of `batch`, in order, atomically: after a crash or a reopen either all
    /// of them are visible or none is.
    ///
    /// - Parameter sync: When `true`, the batch is on stable storage before this returns (use it for
    ///   a checkpoint decision); when `false` it survives a process crash but maybe not a power loss.
    func commit(_ batch: StateWriteBatch, sync: Bool) throws(StateStoreError)

    /// Returns a cursor over the keys in `range`, in ascending order.
    func makeCursor(over range: StateKeyRange) throws(StateStoreError) -> any StateCursor

    /// Writes buffered data to the store's files, so it no longer depends on a log replay.
    func flush() throws(StateStoreError)

    /// Writes a consistent snapshot of the whole store into `directory`, which must not exist yet.
    ///
    /// The snapshot can later be restored with `StateCheckpoints.restore(from:into:)` and reopened.
    func checkpoint(to directory: String) throws(StateStoreError)

    /// Persists what the store holds and releases its files. Further operations throw; closing twice
    /// does nothing. A cursor still open keeps the underlying database open until it is released.
    func close() throws(StateStoreError)
}

extension StateStore {
    /// Applies `batch` atomically without waiting for stable storage.
    public func commit(_ batch: StateWriteBatch) throws(StateStoreError) {
        try commit(batch, sync: false)
    }

    /// Every entry in `range`, in key order.
    public func entries(in range: StateKeyRange = .all) throws(StateStoreError) -> [StateEntry] {
        try makeCursor(over: range).collectAll()
    }
}

extension StateCursor {
    /// Reads the rest of the cursor into an array.
    public func collectAll() throws(StateStoreError) -> [StateEntry] {
        var entries: [StateEntry] = []
        while let entry = try next() {
            entries.append(entry)
        }
        return entries
    }
}

/// A cursor over nothing.
final class EmptyStateCursor: StateCursor {
    func next() throws(StateStoreError) -> StateEntry? { nil }
}

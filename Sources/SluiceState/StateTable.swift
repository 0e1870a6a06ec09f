/// A namespace for one operator's keys inside a shared store.
///
/// Every key of the table is stored behind a four-byte big-endian table id, so tables never
/// collide and each one is a contiguous key range. Keys passed to and returned from the
/// table-scoped methods are the operator's own keys, without the prefix.
public struct StateTable: Hashable, Sendable {
    /// The table's id; the runtime assigns one per operator state table of a job.
    public let id: UInt32

    public init(id: UInt32) {
        self.id = id
    }

    /// The bytes every stored key of this table starts with.
    public var keyPrefix: [UInt8] {
        [
            UInt8(truncatingIfNeeded: id >> 24), UInt8(truncatingIfNeeded: id >> 16),
            UInt8(truncatingIfNeeded: id >> 8), UInt8(truncatingIfNeeded: id),
        ]
    }

    static let prefixLength = 4

    /// The store key for the table key `key`.
    public func storeKey(_ key: [UInt8]) -> [UInt8] {
        var stored: [UInt8] = []
        stored.reserveCapacity(Self.prefixLength + key.count)
        stored.append(contentsOf: keyPrefix)
        stored.append(contentsOf: key)
        return stored
    }

    /// The store key range holding the table keys in `range`.
    public func storeRange(_ range: StateKeyRange) -> StateKeyRange {
        StateKeyRange(
            from: storeKey(range.lowerBound),
            to: range.upperBound.map(storeKey) ?? prefixSuccessor(keyPrefix)
        )
    }
}

extension StateStore {
    /// Returns the value of `key` in `table`, or `nil` when there is none.
    public func get(_ key: [UInt8], in table: StateTable) throws(StateStoreError) -> [UInt8]? {
        try get(table.storeKey(key))
    }

    /// Stores `value` under `key` in `table`.
    public func put(_ key: [UInt8], _ value: [UInt8], in table: StateTable) throws(StateStoreError) {
        try put(table.storeKey(key), value)
    }

    /// Removes `key` from `table`.
    public func delete(_ key: [UInt8], in table: StateTable) throws(StateStoreError) {
        try delete(table.storeKey(key))
    }

    /// Returns a cursor over the keys of `table` in `range`; its keys come without the table prefix.
    public func makeCursor(over range: StateKeyRange = .all, in table: StateTable) throws(StateStoreError)
        -> any StateCursor
    {
        TableCursor(try makeCursor(over: table.storeRange(range)))
    }

    /// Every entry of `table` in `range`, in key order, without the table prefix.
    public func entries(in range: StateKeyRange = .all, of table: StateTable) throws(StateStoreError)
        -> [StateEntry]
    {
        try makeCursor(over: range, in: table).collectAll()
    }
}

/// Strips the table prefix from the keys of a cursor over one table's store range.
final class TableCursor: StateCursor {
    private let base: any StateCursor

    init(_ base: any StateCursor) {
        self.base = base
    }

    func next() throws(StateStoreError) -> StateEntry? {
        guard var entry = try base.next() else { return nil }
        // In place when the key array is uniquely owned, as RocksDB's freshly copied keys are.
        entry.key.removeFirst(StateTable.prefixLength)
        return entry
    }
}

/// An in-memory cache in front of one `StateTable`, with write-behind: puts and deletes stay in
/// memory until `flush(into:)` writes them into the checkpoint's batch.
///
/// Aggregations read and update the same keys row after row; through this cache a row costs a hash
/// lookup, and the store sees each changed key once per checkpoint. A miss reads the store once and
/// remembers the answer, including "no such key".
///
/// Checkpoint protocol: at each checkpoint call `flush(into:)` and commit the batch. Call it again
/// only after that batch was committed (or start over with a new cache after a failure), because the
/// next flush may evict entries the previous flush wrote. Between flushes the cache only grows;
/// `capacity` is enforced at the start of each flush by evicting clean entries.
///
/// Used by one operator on one task; not thread-safe.
public final class CachedStateTable {
    private enum Slot {
        /// Same value as the store.
        case clean([UInt8])
        /// Known to be missing from the store.
        case absent
        /// Changed since the last flush.
        case dirty([UInt8])
        /// Deleted since the last flush.
        case deleted

        var isDirty: Bool {
            switch self {
            case .dirty, .deleted: true
            case .clean, .absent: false
            }
        }

        var value: [UInt8]? {
            switch self {
            case .clean(let value), .dirty(let value): value
            case .absent, .deleted: nil
            }
        }

        /// Moves the value out, leaving a placeholder, so the caller holds the only reference.
        mutating func take() -> [UInt8]? {
            let value = self.value
            self = .absent
            return value
        }
    }

    /// The table whose keys this cache holds.
    public let table: StateTable
    /// The number of entries kept after a flush; dirty entries are never evicted.
    public let capacity: Int
    private let store: any StateStore
    private var slots: [[UInt8]: Slot] = [:]
    /// Keys that became dirty since the last flush, each once.
    private var dirtyKeys: [[UInt8]] = []
    /// Keys the last flush wrote, whose batch may not be committed yet: scans must take them from
    /// the cache, not the store.
    private var pendingKeys: [[UInt8]] = []

    /// A cache of `table` in `store` holding about `capacity` entries after each flush.
    public init(table: StateTable, store: any StateStore, capacity: Int = 1 << 18) {
        self.table = table
        self.store = store
        self.capacity = max(capacity, 0)
    }

    /// The number of cached entries, clean and dirty.
    public var count: Int { slots.count }

    /// The number of entries changed since the last flush.
    public var dirtyCount: Int { dirtyKeys.count }

    /// Returns the value of `key`, reading the store only the first time the key is asked for.
    public func get(_ key: [UInt8]) throws(StateStoreError) -> [UInt8]? {
        if let slot = slots[key] { return slot.value }
        let value = try store.get(key, in: table)
        slots[key] = value.map(Slot.clean) ?? .absent
        return value
    }

    /// Sets `key` to `value` in memory; the store sees it at the next flush.
    public func put(_ key: [UInt8], _ value: [UInt8]) {
        let previous = slots.updateValue(.dirty(value), forKey: key)
        if previous?.isDirty != true { dirtyKeys.append(key) }
    }

    /// Deletes `key` in memory; the store sees it at the next flush.
    public func delete(_ key: [UInt8]) {
        let previous = slots.updateValue(.deleted, forKey: key)
        if previous?.isDirty != true { dirtyKeys.append(key) }
    }

    /// Reads, changes and writes back the value of `key` with one hash lookup when it is cached.
    ///
    /// `body` gets the current value (`nil` when missing) and may change it in place without a
    /// copy, or set it to `nil` to delete the key.
    public func update(_ key: [UInt8], _ body: (inout [UInt8]?) -> Void) throws(StateStoreError) {
        var index = slots.index(forKey: key)
        if index == nil {
            _ = try get(key)
            index = slots.index(forKey: key)
        }
        guard let index else { return }
        let wasDirty = slots.values[index].isDirty
        var value = slots.values[index].take()
        let existed = value != nil
        body(&value)
        if let value {
            slots.values[index] = .dirty(value)
        } else {
            slots.values[index] = existed || wasDirty ? .deleted : .absent
        }
        if !wasDirty && slots.values[index].isDirty { dirtyKeys.append(key) }
    }

    /// Adds every change since the last flush to `batch` and marks those entries clean.
    ///
    /// First evicts clean entries beyond `capacity`: the previous flush's batch is committed by now.
    public func flush(into batch: inout StateWriteBatch) {
        pendingKeys.removeAll(keepingCapacity: true)
        if slots.count > capacity { evictCleanEntries() }
        for key in dirtyKeys {
            guard let index = slots.index(forKey: key) else { continue }
            switch slots.values[index] {
            case .dirty(let value):
                batch.put(key, value, in: table)
                slots.values[index] = .clean(value)
            case .deleted:
                batch.delete(key, in: table)
                slots.values[index] = .absent
            case .clean, .absent:
                break
            }
        }
        swap(&pendingKeys, &dirtyKeys)
    }

    private func evictCleanEntries() {
        // Which clean entries go is arbitrary (hash order): tracking recency would cost every access.
        var excess = slots.count - capacity
        var victims: [[UInt8]] = []
        for (key, slot) in slots where excess > 0 && !slot.isDirty {
            victims.append(key)
            excess -= 1
        }
        for key in victims {
            slots.removeValue(forKey: key)
        }
    }

    /// Returns a cursor over the table's keys in `range`, merging unflushed changes over the store.
    public func makeCursor(over range: StateKeyRange = .all) throws(StateStoreError) -> any StateCursor {
        var changed = (dirtyKeys + pendingKeys).filter(range.contains)
        changed.sort { compareBytes($0, $1) < 0 }
        var overlay: [(key: [UInt8], value: [UInt8]?)] = []
        overlay.reserveCapacity(changed.count)
        for key in changed where overlay.last?.key != key {
            overlay.append((key, slots[key]?.value))
        }
        return OverlayCursor(base: try store.makeCursor(over: range, in: table), overlay: overlay)
    }

    /// Every entry of the table in `range`, in key order, including unflushed changes.
    public func entries(in range: StateKeyRange = .all) throws(StateStoreError) -> [StateEntry] {
        try makeCursor(over: range).collectAll()
    }
}

/// Merges sorted changes over a cursor: a changed key replaces the base entry, a `nil` value hides it.
final class OverlayCursor: StateCursor {
    private let base: any StateCursor
    private var baseEntry: StateEntry?
    private var baseLoaded = false
    private let overlay: [(key: [UInt8], value: [UInt8]?)]
    private var overlayIndex = 0

    init(base: any StateCursor, overlay: [(key: [UInt8], value: [UInt8]?)]) {
        self.base = base
        self.overlay = overlay
    }

    func next() throws(StateStoreError) -> StateEntry? {
        while true {
            if !baseLoaded {
                baseEntry = try base.next()
                baseLoaded = true
            }
            let change = overlayIndex < overlay.count ? overlay[overlayIndex] : nil
            switch (baseEntry, change) {
            case (nil, nil):
                return nil
            case (let entry?, nil):
                baseLoaded = false
                return entry
            case (let entry?, let change?) where compareBytes(entry.key, change.key) < 0:
                baseLoaded = false
                return entry
            case (let entry?, let change?):
                if entry.key == change.key { baseLoaded = false }
                overlayIndex += 1
                if let value = change.value { return StateEntry(key: change.key, value: value) }
            case (nil, let change?):
                overlayIndex += 1
                if let value = change.value { return StateEntry(key: change.key, value: value) }
            }
        }
    }
}

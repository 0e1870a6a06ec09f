import SluiceCore
import SluiceLog

/// Where a row came from: the source partition and offset, for the processing log and for placing
/// keyless output records.
public struct RowOrigin: Hashable, Sendable {
    public var partition: Int32
    /// The record had no value (a tombstone). Its key columns are set, its value columns NULL; a
    /// stream's projection passes it on as a tombstone and a filter drops it, as ksqlDB does.
    public var isNullValue: Bool
    /// The record had no key. The sink writes no key for it either, even when its key columns
    /// would encode as something (a multi-column JSON key of NULLs), as ksqlDB passes a null key
    /// through; PARTITION BY gives the row a new key and clears this.
    public var isNullKey: Bool
    /// Index of the record's headers in its batch's `headerSets`, or -1 when it had none. Output
    /// records carry their input record's headers, as Kafka Streams forwards them.
    public var headers: Int32
    public var offset: Int64

    public init(partition: Int32, offset: Int64, isNullValue: Bool = false, isNullKey: Bool = false, headers: Int32 = -1) {
        self.partition = partition
        self.offset = offset
        self.isNullValue = isNullValue
        self.isNullKey = isNullKey
        self.headers = headers
    }
}

/// Rows of one width stored flat, with each row's timestamp and origin beside it.
///
/// Operators work on batches of a few thousand rows (DESIGN.md section 4) and reuse the storage
/// from batch to batch: slots past the rows in use always hold NULL, so appending a row writes
/// into slots that are ready, and `reset` turns the used slots back to NULL in one pass. Rows
/// are appended through a `RowAppender`, which writes in place without checks per row.
public struct RowBatch: Sendable {
    public private(set) var width: Int
    /// The number of rows.
    public private(set) var count = 0
    /// `count × width` values, row after row, then NULLs up to the storage's size.
    private var slots: [Value] = []
    /// Entry `i` belongs to row `i`; entries past `count` are left over from earlier rows.
    private var timestamps: [Int64] = []
    private var origins: [RowOrigin] = []
    /// Headers of the rows' source records (only records that had headers have an entry).
    public private(set) var headerSets: [[RecordHeader]] = []

    public init(width: Int, capacity: Int = 0) {
        self.width = width
        reserve(rows: capacity)
    }

    public var isEmpty: Bool { count == 0 }

    /// Empties the batch, keeping its storage, and sets a new width.
    public mutating func reset(width: Int) {
        clearSlots(0..<count * self.width)
        count = 0
        self.width = width
        headerSets.removeAll(keepingCapacity: true)
    }

    /// Makes the storage hold at least `rows` rows of the current width.
    private mutating func reserve(rows: Int) {
        let values = rows * width
        if slots.count < values { slots.append(contentsOf: repeatElement(.null, count: values - slots.count)) }
        if timestamps.count < rows {
            timestamps.append(contentsOf: repeatElement(0, count: rows - timestamps.count))
            origins.append(contentsOf: repeatElement(RowOrigin(partition: 0, offset: 0), count: rows - origins.count))
        }
    }

    /// Sets the slots in `range` to NULL, releasing what they held.
    private mutating func clearSlots(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        slots.withUnsafeMutableBufferPointer { all in
            let base = all.baseAddress!
            for index in range {
                // Most values hold no reference; those are overwritten without a destroy call.
                if base[index].holdsReference {
                    base[index] = .null
                } else {
                    (base + index).initialize(to: .null)
                }
            }
        }
    }

    /// The timestamp of row `index`.
    public func timestamp(ofRow index: Int) -> Int64 {
        precondition(index < count, "row index out of range")
        return timestamps[index]
    }

    /// The origin of row `index`.
    public func origin(ofRow index: Int) -> RowOrigin {
        precondition(index < count, "row index out of range")
        return origins[index]
    }

    /// Stores a record's headers; returns the index a `RowOrigin` refers to them by.
    public mutating func addHeaders(_ headers: [RecordHeader]) -> Int32 {
        headerSets.append(headers)
        return Int32(headerSets.count - 1)
    }

    /// Shares another batch's headers (an operator's output batch keeps its input's origins).
    public mutating func adoptHeaders(of other: RowBatch) {
        headerSets = other.headerSets
    }

    /// Appends up to `rows` rows through `body`, which writes each row in place into slots that
    /// hold NULL. A row `body` takes but doesn't commit is set back to NULL afterwards.
    public mutating func append<R>(rows: Int, _ body: (inout RowAppender) throws -> R) rethrows -> R {
        let start = count
        reserve(rows: start + rows)
        var appender = RowAppender(width: width, capacity: rows)
        defer { count = start + appender.committed }
        let width = self.width
        return try slots.withUnsafeMutableBufferPointer { values in
            try timestamps.withUnsafeMutableBufferPointer { times in
                try origins.withUnsafeMutableBufferPointer { sources in
                    appender.values = values.baseAddress.map { $0 + start * width }
                    appender.times = times.baseAddress.map { $0 + start }
                    appender.origins = sources.baseAddress.map { $0 + start }
                    defer { if appender.committed < rows { appender.discard() } }
                    return try body(&appender)
                }
            }
        }
    }

    /// Appends a copy of a row.
    public mutating func appendRow(_ row: UnsafeBufferPointer<Value>, timestamp: Int64, origin: RowOrigin) {
        precondition(row.count == width)
        append(rows: 1) { appender in
            let slots = appender.nextRow()
            for index in 0..<row.count { slots[index] = row[index] }
            appender.commit(timestamp: timestamp, origin: origin)
        }
    }

    /// Calls `body` with each row in order.
    public func forEachRow(_ body: (Int, UnsafeBufferPointer<Value>) throws -> Void) rethrows {
        let width = self.width
        let count = self.count
        try slots.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for index in 0..<count {
                try body(index, UnsafeBufferPointer(start: base + index * width, count: width))
            }
        }
    }

    /// Calls `body` with each row (mutable: an operator that consumes its input may move values
    /// out), its timestamp and its origin.
    public mutating func forEachMutableRow(
        _ body: (Int, UnsafeMutableBufferPointer<Value>, Int64, RowOrigin) throws -> Void
    ) rethrows {
        let width = self.width
        let count = self.count
        let timestamps = self.timestamps
        let origins = self.origins
        try slots.withUnsafeMutableBufferPointer { all in
            guard let base = all.baseAddress else { return }
            try timestamps.withUnsafeBufferPointer { times in
                try origins.withUnsafeBufferPointer { sources in
                    for index in 0..<count {
                        try body(
                            index, UnsafeMutableBufferPointer(start: base + index * width, count: width),
                            times[index], sources[index])
                    }
                }
            }
        }
    }

    /// The values of row `index` (copies; for tests and slow paths).
    public func row(_ index: Int) -> [Value] {
        precondition(index < count, "row index out of range")
        return Array(slots[index * width..<(index + 1) * width])
    }

    public mutating func setTimestamp(_ timestamp: Int64, ofRow index: Int) {
        precondition(index < count, "row index out of range")
        timestamps[index] = timestamp
    }

    public mutating func setOrigin(_ origin: RowOrigin, ofRow index: Int) {
        precondition(index < count, "row index out of range")
        origins[index] = origin
    }

    /// Replaces one value of one row.
    public mutating func setValue(_ value: Value, row: Int, slot: Int) {
        precondition(row < count && slot < width, "row or slot out of range")
        slots[row * width + slot] = value
    }

    /// Keeps only the rows whose flag is set, in order, without reallocating.
    public mutating func retainRows(_ keep: [Bool]) {
        keep.withUnsafeBufferPointer { retainRows($0) }
    }

    /// Keeps only the rows whose flag is set, in order, without reallocating.
    public mutating func retainRows(_ keep: UnsafeBufferPointer<Bool>) {
        precondition(keep.count == count)
        var write = 0
        let width = self.width
        slots.withUnsafeMutableBufferPointer { all in
            timestamps.withUnsafeMutableBufferPointer { times in
                origins.withUnsafeMutableBufferPointer { sources in
                    guard let base = all.baseAddress else { return }
                    for read in 0..<keep.count where keep[read] {
                        if write != read {
                            for column in 0..<width { swap(&base[write * width + column], &base[read * width + column]) }
                            times[write] = times[read]
                            sources[write] = sources[read]
                        }
                        write += 1
                    }
                }
            }
        }
        clearSlots(write * width..<count * width)
        count = write
    }
}

/// Writes rows into space a `RowBatch` reserved: take the next row's slots, fill them, then
/// `commit` it (or leave it uncommitted, and the next call to `nextRow` reuses its slots).
public struct RowAppender {
    fileprivate var values: UnsafeMutablePointer<Value>?
    fileprivate var times: UnsafeMutablePointer<Int64>?
    fileprivate var origins: UnsafeMutablePointer<RowOrigin>?
    private let width: Int
    private let capacity: Int
    /// Rows committed so far.
    public private(set) var committed = 0

    init(width: Int, capacity: Int) {
        self.width = width
        self.capacity = capacity
    }

    /// The slots of the next row, all NULL.
    @inline(__always)
    public mutating func nextRow() -> UnsafeMutableBufferPointer<Value> {
        precondition(committed < capacity, "more rows than reserved")
        return UnsafeMutableBufferPointer(start: values.map { $0 + committed * width }, count: width)
    }

    /// Keeps the row last returned by `nextRow`.
    @inline(__always)
    public mutating func commit(timestamp: Int64, origin: RowOrigin) {
        times.unsafelyUnwrapped[committed] = timestamp
        origins.unsafelyUnwrapped[committed] = origin
        committed += 1
    }

    /// Sets the row last returned by `nextRow` back to NULLs (it was not committed).
    public mutating func discard() {
        guard committed < capacity, let row = values.map({ $0 + committed * width }) else { return }
        for index in 0..<width { row[index] = .null }
    }

    /// Changes the timestamp of the row committed last.
    public mutating func setLastTimestamp(_ timestamp: Int64) {
        precondition(committed > 0, "no row committed yet")
        times.unsafelyUnwrapped[committed - 1] = timestamp
    }
}

import SluiceCore
import SluiceLog

/// Where a row came from: the source partition and offset, for the processing log and for placing
/// keyless output records.
public struct RowOrigin: Hashable, Sendable {
    public var partition: Int32
    /// The record had no value (a tombstone). Its key columns are set, its value columns NULL; a
    /// stream's projection passes it on as a tombstone and a filter drops it, as ksqlDB does.
    public var isNullValue: Bool
    /// Index of the record's headers in its batch's `headerSets`, or -1 when it had none. Output
    /// records carry their input record's headers, as Kafka Streams forwards them.
    public var headers: Int32
    public var offset: Int64

    public init(partition: Int32, offset: Int64, isNullValue: Bool = false, headers: Int32 = -1) {
        self.partition = partition
        self.offset = offset
        self.isNullValue = isNullValue
        self.headers = headers
    }
}

/// Rows of one width stored flat, with each row's timestamp and origin beside it.
///
/// Operators work on batches of a few thousand rows (DESIGN.md section 4) and reuse the storage
/// from batch to batch; rows are appended through a `RowAppender`, which reserves room for a
/// whole batch at once, so steady-state processing does not allocate or check per row.
public struct RowBatch: Sendable {
    public private(set) var width: Int
    /// `count × width` values, row after row.
    public private(set) var values: [Value] = []
    public private(set) var timestamps: [Int64] = []
    public private(set) var origins: [RowOrigin] = []
    /// Headers of the rows' source records (only records that had headers have an entry).
    public private(set) var headerSets: [[RecordHeader]] = []

    public init(width: Int, capacity: Int = 0) {
        self.width = width
        values.reserveCapacity(capacity * width)
        timestamps.reserveCapacity(capacity)
        origins.reserveCapacity(capacity)
    }

    public var count: Int { timestamps.count }
    public var isEmpty: Bool { timestamps.isEmpty }

    /// Empties the batch, keeping its storage, and sets a new width.
    public mutating func reset(width: Int) {
        self.width = width
        values.removeAll(keepingCapacity: true)
        timestamps.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
        headerSets.removeAll(keepingCapacity: true)
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

    /// Appends up to `rows` rows through `body`, which writes each row in place. Room for all of
    /// them is reserved (as NULLs) first; what `body` doesn't commit is trimmed afterwards.
    public mutating func append<R>(rows: Int, _ body: (inout RowAppender) throws -> R) rethrows -> R {
        let start = values.count
        let width = self.width
        values.append(contentsOf: repeatElement(.null, count: rows * width))
        var appender = RowAppender(width: width, capacity: rows)
        defer {
            values.removeSubrange(start + appender.committed * width..<values.count)
            timestamps.append(contentsOf: appender.timestamps)
            origins.append(contentsOf: appender.origins)
        }
        return try values.withUnsafeMutableBufferPointer { all in
            appender.base = all.baseAddress.map { $0 + start }
            return try body(&appender)
        }
    }

    /// Appends a copy of a row.
    public mutating func appendRow(_ row: UnsafeBufferPointer<Value>, timestamp: Int64, origin: RowOrigin) {
        precondition(row.count == width)
        values.append(contentsOf: row)
        timestamps.append(timestamp)
        origins.append(origin)
    }

    /// Calls `body` with each row in order.
    public func forEachRow(_ body: (Int, UnsafeBufferPointer<Value>) throws -> Void) rethrows {
        let width = self.width
        try values.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for index in 0..<count {
                try body(index, UnsafeBufferPointer(start: base + index * width, count: width))
            }
        }
    }

    /// Calls `body` with each row, mutable: an operator that consumes its input may move values out.
    public mutating func forEachMutableRow(_ body: (Int, UnsafeMutableBufferPointer<Value>) throws -> Void) rethrows {
        let width = self.width
        let count = self.count
        try values.withUnsafeMutableBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for index in 0..<count {
                try body(index, UnsafeMutableBufferPointer(start: base + index * width, count: width))
            }
        }
    }

    /// The values of row `index` (copies; for tests and slow paths).
    public func row(_ index: Int) -> [Value] {
        Array(values[index * width..<(index + 1) * width])
    }

    public mutating func setTimestamp(_ timestamp: Int64, ofRow index: Int) {
        timestamps[index] = timestamp
    }

    public mutating func setOrigin(_ origin: RowOrigin, ofRow index: Int) {
        origins[index] = origin
    }

    /// Replaces one value of one row.
    public mutating func setValue(_ value: Value, row: Int, slot: Int) {
        values[row * width + slot] = value
    }

    /// Keeps only the rows whose flag is set, in order, without reallocating.
    public mutating func retainRows(_ keep: [Bool]) {
        precondition(keep.count == count)
        var write = 0
        let width = self.width
        values.withUnsafeMutableBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for read in 0..<keep.count where keep[read] {
                if write != read {
                    for column in 0..<width { swap(&base[write * width + column], &base[read * width + column]) }
                }
                write += 1
            }
        }
        var kept = 0
        for read in 0..<keep.count where keep[read] {
            timestamps[kept] = timestamps[read]
            origins[kept] = origins[read]
            kept += 1
        }
        values.removeSubrange(write * width..<values.count)
        timestamps.removeSubrange(write..<timestamps.count)
        origins.removeSubrange(write..<origins.count)
    }
}

/// Writes rows into space a `RowBatch` reserved: take the next row's slots, fill them, then
/// `commit` it (or leave it uncommitted, and the next call to `nextRow` reuses its slots).
public struct RowAppender {
    fileprivate var base: UnsafeMutablePointer<Value>?
    private let width: Int
    private let capacity: Int
    /// Rows committed so far.
    public private(set) var committed = 0
    fileprivate var timestamps: [Int64] = []
    fileprivate var origins: [RowOrigin] = []

    init(width: Int, capacity: Int) {
        self.width = width
        self.capacity = capacity
        timestamps.reserveCapacity(capacity)
        origins.reserveCapacity(capacity)
    }

    /// The slots of the next row, all NULL.
    public mutating func nextRow() -> UnsafeMutableBufferPointer<Value> {
        precondition(committed < capacity, "more rows than reserved")
        return UnsafeMutableBufferPointer(start: base.map { $0 + committed * width }, count: width)
    }

    /// Keeps the row last returned by `nextRow`.
    public mutating func commit(timestamp: Int64, origin: RowOrigin) {
        committed += 1
        timestamps.append(timestamp)
        origins.append(origin)
    }

    /// Sets the row last returned by `nextRow` back to NULLs (it was not committed).
    public mutating func discard() {
        guard let row = base.map({ $0 + committed * width }) else { return }
        for index in 0..<width { row[index] = .null }
    }

    /// Changes the timestamp of the row committed last.
    public mutating func setLastTimestamp(_ timestamp: Int64) {
        timestamps[committed - 1] = timestamp
    }
}

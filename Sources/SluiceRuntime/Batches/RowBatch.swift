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
/// from batch to batch, so steady-state processing does not allocate per row.
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

    /// Appends a row of `width` NULLs and lets `fill` set its values.
    public mutating func appendRow(timestamp: Int64, origin: RowOrigin, _ fill: (UnsafeMutableBufferPointer<Value>) throws -> Void) rethrows {
        let start = values.count
        values.append(contentsOf: repeatElement(.null, count: width))
        timestamps.append(timestamp)
        origins.append(origin)
        let width = self.width
        try values.withUnsafeMutableBufferPointer { all in
            try fill(UnsafeMutableBufferPointer(rebasing: all[start..<start + width]))
        }
    }

    /// Appends a copy of a row.
    public mutating func appendRow(_ row: UnsafeBufferPointer<Value>, timestamp: Int64, origin: RowOrigin) {
        precondition(row.count == width)
        values.append(contentsOf: row)
        timestamps.append(timestamp)
        origins.append(origin)
    }

    /// Removes the last row (a row whose decoding failed halfway).
    public mutating func removeLastRow() {
        values.removeLast(width)
        timestamps.removeLast()
        origins.removeLast()
    }

    /// Calls `body` with each row in order.
    public func forEachRow(_ body: (Int, UnsafeBufferPointer<Value>) throws -> Void) rethrows {
        let width = self.width
        try values.withUnsafeBufferPointer { all in
            for index in 0..<count {
                try body(index, UnsafeBufferPointer(rebasing: all[index * width..<(index + 1) * width]))
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

    /// Keeps only the rows whose flag is set, in order, without reallocating.
    public mutating func retainRows(_ keep: [Bool]) {
        precondition(keep.count == count)
        var write = 0
        let width = self.width
        for read in 0..<keep.count where keep[read] {
            if write != read {
                for column in 0..<width {
                    values.swapAt(write * width + column, read * width + column)
                }
                timestamps[write] = timestamps[read]
                origins[write] = origins[read]
            }
            write += 1
        }
        values.removeSubrange(write * width..<values.count)
        timestamps.removeSubrange(write..<timestamps.count)
        origins.removeSubrange(write..<origins.count)
    }
}

extension RowBatch {
    /// Replaces one value of one row.
    public mutating func setValue(_ value: Value, row: Int, slot: Int) {
        values[row * width + slot] = value
    }
}

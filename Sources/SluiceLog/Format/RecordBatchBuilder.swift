// SPDX-License-Identifier: Apache-2.0

/// A header of a record: a name and an optional value, as Kafka's record headers.
public struct RecordHeader: Hashable, Sendable {
    public var key: String
    public var value: [UInt8]?

    public init(_ key: String, _ value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}

/// Builds one record batch in a single growing buffer, ready to be appended without copying.
///
/// Records are encoded in place (Kafka's record format: varint lengths and deltas), so appending a
/// record costs one capacity check and the copies of its key and value. `LogStore.append(_:to:)`
/// then fills in the batch header (offsets, producer fields, CRC32C) and writes the buffer as is.
/// Call `reset()` to reuse the buffer for the next batch. Not thread-safe: one builder per writer.
///
///     let builder = RecordBatchBuilder()
///     for event in events { builder.append(key: event.key, value: event.json, timestamp: event.time) }
///     let firstOffset = try store.append(builder, to: TopicPartition("clicks", 0))
///     builder.reset()
public final class RecordBatchBuilder {
    private(set) var storage: UnsafeMutableRawPointer
    private var capacity: Int
    /// Bytes used, header included.
    private(set) var length: Int
    /// The number of records appended since the last reset.
    public private(set) var count: Int = 0
    private(set) var baseTimestamp: Int64 = 0
    private(set) var maxTimestamp: Int64 = 0

    /// - Parameter capacity: initial buffer size in bytes; the buffer grows as needed.
    public init(capacity: Int = 64 * 1024) {
        self.capacity = max(capacity, RecordBatchHeader.size + 64)
        self.storage = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
        self.length = RecordBatchHeader.size
    }

    deinit { storage.deallocate() }

    /// The encoded size of the batch so far, header included.
    public var byteCount: Int { length }

    /// Whether no record was appended since the last reset.
    public var isEmpty: Bool { count == 0 }

    /// Forgets every record, keeping the buffer.
    public func reset() {
        length = RecordBatchHeader.size
        count = 0
    }

    /// Appends a record whose key and value are read from memory the caller owns.
    ///
    /// - Parameters:
    ///   - key: the key bytes, or nil for a record without a key.
    ///   - value: the value bytes, or nil for a tombstone.
    ///   - timestamp: epoch milliseconds.
    ///   - headers: record headers; empty for none.
    public func append(
        key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, timestamp: Int64,
        headers: [RecordHeader] = []
    ) {
        if count == 0 {
            baseTimestamp = timestamp
            maxTimestamp = timestamp
        } else if timestamp > maxTimestamp {
            maxTimestamp = timestamp
        }
        let timestampDelta = timestamp &- baseTimestamp
        let keyLength = key.map { $0.count } ?? -1
        let valueLength = value.map { $0.count } ?? -1
        let headerBytes = headers.isEmpty ? 0 : Self.encodedSize(of: headers)
        let bodySize = 1 + Varint.signedSize(timestampDelta) + Varint.signedSize(Int64(count))
            + Varint.signedSize(Int64(keyLength)) + max(keyLength, 0)
            + Varint.signedSize(Int64(valueLength)) + max(valueLength, 0)
            + Varint.signedSize(Int64(headers.count)) + headerBytes
        reserve(bodySize + 10)

        var position = storage + length
        position += Varint.writeSigned(Int64(bodySize), to: position)
        position.storeBytes(of: 0, as: UInt8.self)
        position += 1
        position += Varint.writeSigned(timestampDelta, to: position)
        position += Varint.writeSigned(Int64(count), to: position)
        position += Varint.writeSigned(Int64(keyLength), to: position)
        if let key, key.count > 0 {
            position.copyMemory(from: key.baseAddress!, byteCount: key.count)
            position += key.count
        }
        position += Varint.writeSigned(Int64(valueLength), to: position)
        if let value, value.count > 0 {
            position.copyMemory(from: value.baseAddress!, byteCount: value.count)
            position += value.count
        }
        position += Varint.writeSigned(Int64(headers.count), to: position)
        if !headers.isEmpty { position = Self.write(headers, to: position) }
        length = position - storage
        count += 1
    }

    /// Appends a record whose key and value are arrays.
    @_disfavoredOverload
    public func append(key: [UInt8]?, value: [UInt8]?, timestamp: Int64, headers: [RecordHeader] = []) {
        withOptionalBytes(key) { keyBytes in
            withOptionalBytes(value) { valueBytes in
                append(key: keyBytes, value: valueBytes, timestamp: timestamp, headers: headers)
            }
        }
    }

    /// The whole batch, header space included (the header is filled in when appended).
    var batch: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: storage, count: length)
    }

    private func reserve(_ extra: Int) {
        guard length + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < length + extra { newCapacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        grown.copyMemory(from: storage, byteCount: length)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }

    private static func encodedSize(of headers: [RecordHeader]) -> Int {
        var total = 0
        for header in headers {
            let keyLength = header.key.utf8.count
            let valueLength = header.value?.count ?? -1
            total += Varint.signedSize(Int64(keyLength)) + keyLength
            total += Varint.signedSize(Int64(valueLength)) + max(valueLength, 0)
        }
        return total
    }

    private static func write(_ headers: [RecordHeader], to start: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var position = start
        for header in headers {
            let keyBytes = Array(header.key.utf8)
            position += Varint.writeSigned(Int64(keyBytes.count), to: position)
            keyBytes.withUnsafeBytes { raw in
                if raw.count > 0 { position.copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
            }
            position += keyBytes.count
            if let value = header.value {
                position += Varint.writeSigned(Int64(value.count), to: position)
                value.withUnsafeBytes { raw in
                    if raw.count > 0 { position.copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
                }
                position += value.count
            } else {
                position += Varint.writeSigned(-1, to: position)
            }
        }
        return position
    }
}

/// Calls `body` with the bytes of `array`, or with nil.
@inline(__always)
func withOptionalBytes<R>(_ array: [UInt8]?, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
    guard let array else { return try body(nil) }
    return try array.withUnsafeBytes { try body($0) }
}

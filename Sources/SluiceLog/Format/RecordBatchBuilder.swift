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
    /// The mutable state, behind a pointer: class properties are checked for exclusive access at run
    /// time on every use, which costs more than the rest of a small record's append.
    struct State {
        var storage: UnsafeMutableRawPointer
        var capacity: Int
        /// Bytes used, header included.
        var length: Int
        var count: Int
        var baseTimestamp: Int64
        var maxTimestamp: Int64
        /// Where the value reserved by `reserveValue` starts (see RecordBatchBuilder+InPlace.swift);
        /// -1 when nothing is reserved.
        var reservedValueOffset = -1
        /// The last record's value length and timestamp delta, which the next one usually shares
        /// the encoded sizes of.
        var lastValueLength = 128
        var lastTimestampDelta: Int64 = 0
    }

    let state: UnsafeMutablePointer<State>

    /// - Parameter capacity: initial buffer size in bytes; the buffer grows as needed.
    public init(capacity: Int = 64 * 1024) {
        let capacity = max(capacity, RecordBatchHeader.size + 64)
        state = .allocate(capacity: 1)
        state.initialize(
            to: State(
                storage: .allocate(byteCount: capacity, alignment: 16), capacity: capacity,
                length: RecordBatchHeader.size, count: 0, baseTimestamp: 0, maxTimestamp: 0))
    }

    deinit {
        state.pointee.storage.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The number of records appended since the last reset.
    public var count: Int { state.pointee.count }

    /// The encoded size of the batch so far, header included.
    public var byteCount: Int { state.pointee.length }

    /// Whether no record was appended since the last reset.
    public var isEmpty: Bool { state.pointee.count == 0 }

    var baseTimestamp: Int64 { state.pointee.baseTimestamp }
    var maxTimestamp: Int64 { state.pointee.maxTimestamp }

    /// Forgets every record, keeping the buffer.
    public func reset() {
        state.pointee.length = RecordBatchHeader.size
        state.pointee.count = 0
        state.pointee.reservedValueOffset = -1
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
        let state = self.state
        state.pointee.reservedValueOffset = -1
        let count = state.pointee.count
        let timestampDelta = noteTimestamp(timestamp)
        let keyLength = key.map { $0.count } ?? -1
        let valueLength = value.map { $0.count } ?? -1
        let headerBytes = headers.isEmpty ? 0 : Self.encodedSize(of: headers)
        let bodySize = Self.bodySize(
            count: count, timestampDelta: timestampDelta, keyLength: keyLength, valueLength: valueLength,
            headerCount: headers.count, headerBytes: headerBytes)
        if state.pointee.length &+ bodySize &+ 10 > state.pointee.capacity { grow(bodySize &+ 10) }

        let start = state.pointee.storage + state.pointee.length
        var position = Self.writeRecordHead(
            at: start, bodySize: bodySize, timestampDelta: timestampDelta, count: count, key: key, keyLength: keyLength)
        position += Varint.writeSigned(Int64(valueLength), to: position)
        if let value, valueLength > 0 {
            position.copyMemory(from: value.baseAddress!, byteCount: valueLength)
            position += valueLength
        }
        position += Varint.writeSigned(Int64(headers.count), to: position)
        if !headers.isEmpty { position = Self.write(headers, to: position) }
        state.pointee.length = state.pointee.length &+ start.distance(to: position)
        state.pointee.count = count &+ 1
    }

    /// Records `timestamp` in the batch's base and maximum; returns its delta from the base.
    @inline(__always)
    func noteTimestamp(_ timestamp: Int64) -> Int64 {
        if state.pointee.count == 0 {
            state.pointee.baseTimestamp = timestamp
            state.pointee.maxTimestamp = timestamp
        } else if timestamp > state.pointee.maxTimestamp {
            state.pointee.maxTimestamp = timestamp
        }
        return timestamp &- state.pointee.baseTimestamp
    }

    /// Writes a record's length, attributes, deltas and key at `start` (Kafka's record v2 layout);
    /// returns where its value length goes.
    @inline(__always)
    static func writeRecordHead(
        at start: UnsafeMutableRawPointer, bodySize: Int, timestampDelta: Int64, count: Int,
        key: UnsafeRawBufferPointer?, keyLength: Int
    ) -> UnsafeMutableRawPointer {
        var position = start
        position += Varint.writeSigned(Int64(bodySize), to: position)
        position.storeBytes(of: 0, as: UInt8.self)
        position += 1
        position += Varint.writeSigned(timestampDelta, to: position)
        position += Varint.writeSigned(Int64(count), to: position)
        position += Varint.writeSigned(Int64(keyLength), to: position)
        if let key, keyLength > 0 {
            position.copyMemory(from: key.baseAddress!, byteCount: keyLength)
            position += keyLength
        }
        return position
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
        UnsafeMutableRawBufferPointer(start: state.pointee.storage, count: state.pointee.length)
    }

    /// Makes room for `extra` bytes after the used ones, keeping the first `keeping` bytes
    /// (the used ones unless a reserved value lies beyond them).
    func grow(_ extra: Int, keeping: Int? = nil) {
        let length = state.pointee.length
        var newCapacity = state.pointee.capacity * 2
        while newCapacity < length + extra { newCapacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        grown.copyMemory(from: state.pointee.storage, byteCount: keeping ?? length)
        state.pointee.storage.deallocate()
        state.pointee.storage = grown
        state.pointee.capacity = newCapacity
    }

    static func encodedSize(of headers: [RecordHeader]) -> Int {
        var total = 0
        for header in headers {
            let keyLength = header.key.utf8.count
            let valueLength = header.value?.count ?? -1
            total += Varint.signedSize(Int64(keyLength)) + keyLength
            total += Varint.signedSize(Int64(valueLength)) + max(valueLength, 0)
        }
        return total
    }

    static func write(_ headers: [RecordHeader], to start: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
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

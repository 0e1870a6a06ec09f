// SPDX-License-Identifier: Apache-2.0

/// One record, read in place from a fetch buffer: nothing is copied or allocated.
///
/// The pointers are valid only inside the `forEach` call that produced the view; copy the bytes
/// (`Array(view.value!)`) to keep them.
public struct RecordView {
    /// The record's offset in its partition.
    public let offset: Int64
    /// Epoch milliseconds.
    public let timestamp: Int64
    /// The key bytes, or nil for a record without a key.
    public let key: UnsafeRawBufferPointer?
    /// The value bytes, or nil for a tombstone.
    public let value: UnsafeRawBufferPointer?
    /// The record's headers.
    public let headers: RecordHeadersView

    @usableFromInline
    init(
        offset: Int64, timestamp: Int64, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?,
        headers: RecordHeadersView
    ) {
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.value = value
        self.headers = headers
    }
}

/// The headers of a record, decoded on demand.
public struct RecordHeadersView {
    let raw: UnsafeRawBufferPointer
    /// The number of headers.
    public let count: Int

    @usableFromInline
    init(raw: UnsafeRawBufferPointer, count: Int) {
        self.raw = raw
        self.count = count
    }

    public var isEmpty: Bool { count == 0 }

    /// Visits each header's name and value bytes in order.
    public func forEach(
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer?) throws -> Void
    ) rethrows {
        guard count > 0, let base = raw.baseAddress else { return }
        var position = 0
        let end = raw.count
        for _ in 0..<count {
            // Record decoding checked every header already, so these reads stay in bounds.
            guard let keyLength = Varint.readSigned(base, &position, end) else { return }
            let key = UnsafeRawBufferPointer(start: base + position, count: Int(keyLength))
            position += Int(keyLength)
            guard let valueLength = Varint.readSigned(base, &position, end) else { return }
            if valueLength < 0 {
                try body(key, nil)
            } else {
                try body(key, UnsafeRawBufferPointer(start: base + position, count: Int(valueLength)))
                position += Int(valueLength)
            }
        }
    }

    /// The headers copied into values (allocates; for tools, not hot paths).
    public var decoded: [RecordHeader] {
        var result: [RecordHeader] = []
        forEach { key, value in
            result.append(RecordHeader(String(decoding: key, as: UTF8.self), value.map { Array($0) }))
        }
        return result
    }

    /// Checks that `count` headers fill `raw` exactly.
    @usableFromInline
    static func isWellFormed(_ raw: UnsafeRawBufferPointer, count: Int) -> Bool {
        guard count > 0 else { return raw.count == 0 }
        guard let base = raw.baseAddress else { return false }
        var position = 0
        let end = raw.count
        for _ in 0..<count {
            guard let keyLength = Varint.readSigned(base, &position, end), keyLength >= 0,
                keyLength <= end - position
            else { return false }
            position += Int(keyLength)
            guard let valueLength = Varint.readSigned(base, &position, end), valueLength >= -1,
                valueLength <= end - position
            else { return false }
            if valueLength > 0 { position += Int(valueLength) }
        }
        return position == end
    }
}

/// Why a record inside a checksummed batch could not be decoded.
@usableFromInline
struct MalformedRecord: Error {
    @usableFromInline var offsetDelta: Int
    @usableFromInline var reason: String

    @usableFromInline
    init(offsetDelta: Int, reason: String) {
        self.offsetDelta = offsetDelta
        self.reason = reason
    }
}

/// Decodes the records of one batch whose header and CRC were already checked.
///
/// - Parameters:
///   - batch: the whole batch, header included.
///   - header: its parsed header.
///   - skipBelow: records with smaller offsets are not visited (a fetch that starts mid-batch).
@inline(__always)
func forEachRecord(
    in batch: UnsafeRawPointer, header: RecordBatchHeader, skipBelow: Int64,
    _ body: (RecordView) throws -> Void
) throws {
    try decodeRecords(
        batch, end: header.totalSize, count: Int(header.recordCount), baseOffset: header.baseOffset,
        baseTimestamp: header.baseTimestamp, skipBelow: skipBelow, body)
}

/// The record loop, inlinable so that a caller's closure is inlined into it (it runs once per record).
/// Throws `MalformedRecord` for a record that does not fit its batch, and rethrows what `body` throws.
@inlinable
func decodeRecords(
    _ batch: UnsafeRawPointer, end: Int, count: Int, baseOffset: Int64, baseTimestamp: Int64, skipBelow: Int64,
    _ body: (RecordView) throws -> Void
) throws {
    var position = 61  // RecordBatchHeader.size
    for index in 0..<count {
        guard let length = Varint.readSigned(batch, &position, end), length > 0, length <= end &- position else {
            throw MalformedRecord(offsetDelta: index, reason: "bad record length")
        }
        let recordEnd = position &+ Int(length)
        position &+= 1  // record attributes, unused
        guard let timestampDelta = Varint.readSigned(batch, &position, recordEnd),
            let offsetDelta = Varint.readSigned(batch, &position, recordEnd),
            let keyLength = Varint.readSigned(batch, &position, recordEnd),
            keyLength >= -1, keyLength <= recordEnd &- position
        else { throw MalformedRecord(offsetDelta: index, reason: "bad record fields") }
        let keyStart = position
        if keyLength > 0 { position &+= Int(keyLength) }
        guard let valueLength = Varint.readSigned(batch, &position, recordEnd),
            valueLength >= -1, valueLength <= recordEnd &- position
        else { throw MalformedRecord(offsetDelta: index, reason: "bad value length") }
        let valueStart = position
        if valueLength > 0 { position &+= Int(valueLength) }
        guard let headerCount = Varint.readSigned(batch, &position, recordEnd), headerCount >= 0 else {
            throw MalformedRecord(offsetDelta: index, reason: "bad header count")
        }
        let headerBytes = UnsafeRawBufferPointer(start: batch + position, count: recordEnd &- position)
        if headerCount != 0 || position != recordEnd {
            guard headerCount <= Int64(recordEnd &- position),
                RecordHeadersView.isWellFormed(headerBytes, count: Int(headerCount))
            else { throw MalformedRecord(offsetDelta: index, reason: "bad headers") }
        }
        position = recordEnd
        let offset = baseOffset &+ offsetDelta
        if offset < skipBelow { continue }
        try body(
            RecordView(
                offset: offset,
                timestamp: baseTimestamp &+ timestampDelta,
                key: keyLength < 0 ? nil : UnsafeRawBufferPointer(start: batch + keyStart, count: Int(keyLength)),
                value: valueLength < 0
                    ? nil : UnsafeRawBufferPointer(start: batch + valueStart, count: Int(valueLength)),
                headers: RecordHeadersView(raw: headerBytes, count: Int(headerCount))))
    }
}

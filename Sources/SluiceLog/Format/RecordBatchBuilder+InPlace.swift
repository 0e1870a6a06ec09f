// SPDX-License-Identifier: Apache-2.0

extension RecordBatchBuilder {
    /// Room in the batch for the value of the next record, so an encoder can write it in place
    /// instead of into a buffer that `append(key:value:timestamp:headers:)` then copies.
    ///
    /// The value goes after the record's prefix (its length, timestamp and offset deltas, key
    /// and value length), whose size is guessed from the previous record; `appendReservedValue`
    /// moves the value when the guess was wrong. A reservation that is not appended is simply
    /// dropped by the next call.
    ///
    ///     let room = builder.reserveValue(keyLength: -1, minimumCapacity: 4096)
    ///     let length = encode(into: room.start, capacity: room.capacity)
    ///     builder.appendReservedValue(key: nil, length: length, timestamp: time)
    ///
    /// - Parameters:
    ///   - keyLength: the length of the key the record will have, -1 for none.
    ///   - minimumCapacity: the least room wanted; there may be more.
    /// - Returns: where to write the value and how many bytes may be written there; valid until
    ///   the next call on this builder.
    public func reserveValue(keyLength: Int, minimumCapacity: Int) -> (start: UnsafeMutableRawPointer, capacity: Int) {
        let state = self.state
        let valueLength = state.pointee.lastValueLength
        let body = Self.bodySize(
            count: state.pointee.count, timestampDelta: state.pointee.lastTimestampDelta, keyLength: keyLength,
            valueLength: valueLength, headerCount: 0, headerBytes: 0)
        let prefix = Varint.signedSize(Int64(body)) &+ body &- valueLength &- 1
        // Room for the value to move right (a longer prefix) and for the header count after it.
        let slack = 32
        let offset = state.pointee.length &+ prefix
        if offset &+ minimumCapacity &+ slack > state.pointee.capacity {
            grow(prefix &+ minimumCapacity &+ slack)
        }
        state.pointee.reservedValueOffset = offset
        return (state.pointee.storage + offset, state.pointee.capacity &- offset &- slack)
    }

    /// Appends a record whose value `length` bytes were written where the last `reserveValue`
    /// said (at most the capacity it gave).
    ///
    /// - Parameters:
    ///   - key: the key bytes, or nil for a record without a key; as long as `reserveValue` was told.
    ///   - timestamp: epoch milliseconds.
    ///   - headers: record headers; empty for none.
    public func appendReservedValue(
        key: UnsafeRawBufferPointer?, length valueLength: Int, timestamp: Int64, headers: [RecordHeader] = []
    ) {
        let state = self.state
        precondition(state.pointee.reservedValueOffset >= 0 && valueLength >= 0, "no value reserved")
        let count = state.pointee.count
        let timestampDelta = noteTimestamp(timestamp)
        let keyLength = key.map { $0.count } ?? -1
        let headerBytes = headers.isEmpty ? 0 : Self.encodedSize(of: headers)
        let headerCountSize = Varint.signedSize(Int64(headers.count))
        let body = Self.bodySize(
            count: count, timestampDelta: timestampDelta, keyLength: keyLength, valueLength: valueLength,
            headerCount: headers.count, headerBytes: headerBytes)
        let bodySizeSize = Varint.signedSize(Int64(body))
        let start = state.pointee.length
        let valueOffset = start &+ bodySizeSize &+ body &- valueLength &- headerCountSize &- headerBytes
        let end = start &+ bodySizeSize &+ body
        let reservedOffset = state.pointee.reservedValueOffset
        if end > state.pointee.capacity { grow(end &- start, keeping: reservedOffset &+ valueLength) }
        let storage = state.pointee.storage
        if valueOffset != reservedOffset {
            // The guessed prefix was not this record's: move the value next to the real one.
            (storage + valueOffset).copyMemory(from: storage + reservedOffset, byteCount: valueLength)
        }
        var position = Self.writeRecordHead(
            at: storage + start, bodySize: body, timestampDelta: timestampDelta, count: count, key: key, keyLength: keyLength)
        position += Varint.writeSigned(Int64(valueLength), to: position)
        position += valueLength
        position += Varint.writeSigned(Int64(headers.count), to: position)
        if !headers.isEmpty { position = Self.write(headers, to: position) }
        state.pointee.length = end
        state.pointee.count = count &+ 1
        state.pointee.reservedValueOffset = -1
        state.pointee.lastValueLength = valueLength
        state.pointee.lastTimestampDelta = timestampDelta
    }

    /// The size of a record after its length varint (Kafka's record v2 layout).
    // Wrapping arithmetic: every size here is far below overflow, and the checks cost per record.
    @inline(__always)
    static func bodySize(
        count: Int, timestampDelta: Int64, keyLength: Int, valueLength: Int, headerCount: Int, headerBytes: Int
    ) -> Int {
        1 &+ Varint.signedSize(timestampDelta) &+ Varint.signedSize(Int64(count))
            &+ Varint.signedSize(Int64(keyLength)) &+ max(keyLength, 0)
            &+ Varint.signedSize(Int64(valueLength)) &+ max(valueLength, 0)
            &+ Varint.signedSize(Int64(headerCount)) &+ headerBytes
    }
}

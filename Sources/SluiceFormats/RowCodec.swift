import SluiceCore

/// Reads the key or value bytes of records in one format into row slots.
///
/// A decoder is configured once (by `Serdes.makeDecoder`) with the columns it fills and the slot
/// of the row each column goes to, then called once per record from a task's hot loop. Decoders
/// hold no per-record state, so one instance can serve several tasks.
public protocol RowDecoder: AnyObject, Sendable {
    /// The columns this decoder fills, in the format's order.
    var columns: [Column] { get }
    /// `slots[i]` is the row slot that `columns[i]` is written to.
    var slots: [Int] { get }

    /// Decodes one record.
    ///
    /// Every configured slot is assigned, to NULL when the record lacks the column. Text and bytes
    /// are copied into `arena`, so the values stay valid after `bytes` goes away.
    ///
    /// - Parameters:
    ///   - bytes: the record's key or value; `nil` when the record has none (a tombstone).
    ///   - row: the row being built; must have room for the largest configured slot. The
    ///     configured slots must hold values without references (NULL, numbers), which are
    ///     overwritten without being released; a text or collection there would leak.
    ///   - arena: where text and bytes values are copied to; usually one per batch.
    /// - Returns: `false` when the record is null (a tombstone value or a null key); every
    ///   configured slot is NULL then.
    /// - Throws: `SerdeError` when the bytes are not a valid record of this format and schema.
    func decode(
        _ bytes: UnsafeRawBufferPointer?, into row: UnsafeMutableBufferPointer<Value>, arena: inout ByteArena
    ) throws(SerdeError) -> Bool
}

/// Writes row values as a record key or value in one format.
///
/// Configured once (by `Serdes.makeEncoder`) with the columns it writes and where each column's
/// value is in the rows it is given. Encoders hold no per-record state.
public protocol RowEncoder: AnyObject, Sendable {
    /// The columns this encoder writes, in the format's order.
    var columns: [Column] { get }
    /// `sources[i]` is the index in the row of `columns[i]`'s value.
    var sources: [Int] { get }

    /// Appends the serialized record to `buffer`.
    ///
    /// - Returns: `false` when the record is null (nothing is appended): the single value of an
    ///   unwrapped or KAFKA record is NULL, a single JSON key column or every DELIMITED key column is NULL, or the
    ///   format is NONE.
    /// - Throws: `SerdeError` when a value cannot be written in this format.
    func encode(_ row: UnsafeBufferPointer<Value>, into buffer: inout OutputBuffer) throws(SerdeError) -> Bool
}

extension RowDecoder {
    /// Decodes `bytes` into a new array of values, one per configured column in column order;
    /// `nil` for a null record. For tests, tools and `INSERT VALUES`, not for the hot path.
    public func decodeRow(_ bytes: [UInt8]?, arena: inout ByteArena) throws(SerdeError) -> [Value]? {
        let width = (slots.max() ?? -1) + 1
        var row = [Value](repeating: .null, count: width)
        var result: Result<Bool, SerdeError> = .success(false)
        row.withUnsafeMutableBufferPointer { buffer in
            guard let bytes else {
                result = Result { () throws(SerdeError) -> Bool in try decode(nil, into: buffer, arena: &arena) }
                return
            }
            bytes.withUnsafeBytes { raw in
                result = Result { () throws(SerdeError) -> Bool in try decode(raw, into: buffer, arena: &arena) }
            }
        }
        return try result.get() ? slots.map { row[$0] } : nil
    }
}

extension RowEncoder {
    /// Encodes `values` (indexed as `sources` says) into a new byte array; `nil` for a null record.
    /// For tests, tools and `INSERT VALUES`, not for the hot path.
    public func encodeRow(_ values: [Value]) throws(SerdeError) -> [UInt8]? {
        var buffer = OutputBuffer(capacity: 256)
        var result: Result<Bool, SerdeError> = .success(false)
        values.withUnsafeBufferPointer { row in
            result = Result { () throws(SerdeError) -> Bool in try encode(row, into: &buffer) }
        }
        return try result.get() ? buffer.bytes : nil
    }
}

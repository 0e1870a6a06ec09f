import SluiceCore

/// The one primitive a KAFKA record holds, serialized as Kafka's own serializers do.
enum KafkaFieldKind: Sendable {
    /// 4 bytes, big-endian.
    case integer
    /// 8 bytes, big-endian.
    case bigint
    /// 8 bytes, big-endian IEEE 754.
    case double
    /// UTF-8 text.
    case string
    /// Raw bytes.
    case bytes

    init?(_ type: SQLType) {
        switch type {
        case .integer: self = .integer
        case .bigint: self = .bigint
        case .double: self = .double
        case .string: self = .string
        case .bytes: self = .bytes
        default: return nil
        }
    }
}

/// Reads KAFKA records: a single column, serialized by Kafka's primitive serdes. No bytes is a
/// null record; a number with the wrong byte count is an error.
public final class KafkaRowDecoder: RowDecoder {
    public let columns: [Column]
    public let slots: [Int]
    private let kind: KafkaFieldKind
    private let slot: Int

    /// - Throws: `SerdeError` unless there is exactly one column of type INT, BIGINT, DOUBLE,
    ///   STRING or BYTES.
    public init(columns: [Column], slots: [Int]? = nil) throws(SerdeError) {
        let slots = slots ?? Array(columns.indices)
        precondition(slots.count == columns.count, "one slot per column")
        if let reason = FormatValidation.kafkaReason(columns) { throw SerdeError(reason) }
        self.columns = columns
        self.slots = slots
        kind = KafkaFieldKind(columns[0].type)!
        slot = slots[0]
    }

    public func decode(
        _ bytes: UnsafeRawBufferPointer?, into row: UnsafeMutableBufferPointer<Value>, arena: inout ByteArena
    ) throws(SerdeError) -> Bool {
        precondition(slot < row.count, "the row has fewer slots than the decoder fills")
        guard let bytes else {
            row[slot] = .null
            return false
        }
        switch kind {
        case .integer:
            guard bytes.count == 4 else { throw Self.sizeError("IntegerDeserializer", 4, bytes.count) }
            row[slot] = .integer(Int32(bitPattern: UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self))))
        case .bigint:
            guard bytes.count == 8 else { throw Self.sizeError("LongDeserializer", 8, bytes.count) }
            row[slot] = .bigint(Int64(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))))
        case .double:
            guard bytes.count == 8 else { throw Self.sizeError("DoubleDeserializer", 8, bytes.count) }
            row[slot] = .double(Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))))
        case .string:
            row[slot] = .string(arena.append(bytes))
        case .bytes:
            row[slot] = .bytes(arena.append(bytes))
        }
        return true
    }

    private static func sizeError(_ deserializer: String, _ expected: Int, _ got: Int) -> SerdeError {
        SerdeError("Error deserializing KAFKA message: Size of data received by \(deserializer) is not \(expected) (got \(got))")
    }
}

/// Writes KAFKA records. A NULL value is a null record (no bytes), as Kafka's serializers make it.
public final class KafkaRowEncoder: RowEncoder {
    public let columns: [Column]
    public let sources: [Int]
    private let kind: KafkaFieldKind
    private let source: Int

    /// - Throws: `SerdeError` unless there is exactly one column of type INT, BIGINT, DOUBLE,
    ///   STRING or BYTES.
    public init(columns: [Column], sources: [Int]? = nil) throws(SerdeError) {
        let sources = sources ?? Array(columns.indices)
        precondition(sources.count == columns.count, "one source per column")
        if let reason = FormatValidation.kafkaReason(columns) { throw SerdeError(reason) }
        self.columns = columns
        self.sources = sources
        kind = KafkaFieldKind(columns[0].type)!
        source = sources[0]
    }

    public func encode(_ row: UnsafeBufferPointer<Value>, into buffer: inout OutputBuffer) throws(SerdeError) -> Bool {
        precondition(source < row.count, "the row has fewer values than the encoder reads")
        switch (kind, row[source]) {
        case (_, .null):
            return false
        case (.integer, .integer(let number)):
            buffer.reserve(4)
            UnsafeMutableRawPointer(buffer.cursor).storeBytes(of: UInt32(bitPattern: number).bigEndian, as: UInt32.self)
            buffer.commit(upTo: buffer.cursor + 4)
        case (.bigint, .bigint(let number)):
            append(UInt64(bitPattern: number), to: &buffer)
        case (.double, .double(let number)):
            append(number.bitPattern, to: &buffer)
        case (.string, .string(let text)), (.bytes, .bytes(let text)):
            text.withBytes { buffer.append($0) }
        case (_, let value):
            throw SerdeError("The 'KAFKA' format can not serialize \(Self.kindName(value)) as \(columns[0].type)")
        }
        return true
    }

    private func append(_ word: UInt64, to buffer: inout OutputBuffer) {
        buffer.reserve(8)
        UnsafeMutableRawPointer(buffer.cursor).storeBytes(of: word.bigEndian, as: UInt64.self)
        buffer.commit(upTo: buffer.cursor + 8)
    }

    private static func kindName(_ value: Value) -> String {
        switch value {
        case .null: "NULL"
        case .boolean: "a BOOLEAN"
        case .integer: "an INTEGER"
        case .bigint: "a BIGINT"
        case .double: "a DOUBLE"
        case .decimal: "a DECIMAL"
        case .string: "a STRING"
        case .bytes: "BYTES"
        case .date: "a DATE"
        case .time: "a TIME"
        case .timestamp: "a TIMESTAMP"
        case .array: "an ARRAY"
        case .map: "a MAP"
        case .struct: "a STRUCT"
        }
    }
}

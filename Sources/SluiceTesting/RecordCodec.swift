import SluiceCore
import SluiceFormats
import SluicePlanner

/// Turns test records' JSON into key and value bytes as the source's serializers would write them,
/// and read bytes back into JSON for comparison.
enum RecordCodec {
    // MARK: Encoding inputs

    /// A windowed source's keys get the record's window bounds after the key (Kafka Streams' layout).
    static func encodeKey(_ json: JSONValue?, window: TestWindow? = nil, source: SourceDefinition?) -> [UInt8]? {
        guard let json, json != .null else { return nil }
        guard let source else { return genericBytes(json) }
        guard var key = encode(json, format: source.keyFormat, columns: source.schema.keyColumns, isKey: true) else {
            return nil
        }
        if let layout = source.window?.keyWindow, let window {
            layout.appendBounds(start: window.start, end: window.end) { key += $0 }
        }
        return key
    }

    /// Splits a windowed source's key into its inner key and its window.
    static func splitWindowedKey(_ bytes: [UInt8]?, source: SourceDefinition?) -> (key: [UInt8]?, window: TestWindow?) {
        guard let bytes, let layout = source?.window?.keyWindow else { return (bytes, nil) }
        guard let split = bytes.withUnsafeBytes({ layout.split($0) }) else { return (bytes, nil) }
        let window = TestWindow(start: split.start, end: split.end, type: layout.kind == .session ? "session" : "time")
        return (Array(bytes[0..<split.innerLength]), window)
    }

    static func encodeValue(_ json: JSONValue, source: SourceDefinition?) -> [UInt8]? {
        guard json != .null else { return nil }
        guard let source else { return genericBytes(json) }
        return encode(json, format: source.valueFormat, columns: source.schema.valueColumns, isKey: false)
    }

    private static func encode(_ json: JSONValue, format: FormatSpec, columns: [Column], isKey: Bool) -> [UInt8]? {
        switch format.kind {
        case .none:
            return nil
        case .json:
            return Array(json.compactText.utf8)
        case .kafka:
            // A single primitive in Kafka's serialization; a value of the wrong shape is written as
            // the serializer for its own JSON type would (tests feed bad records on purpose).
            if let column = columns.first, let value = try? json.toValue(column.type),
                let encoder = try? Serdes.makeEncoder(format: format, columns: [Column(column.name, column.type, kind: column.kind)],
                                                     isKey: isKey),
                let bytes = try? encoder.encodeRow([value])
            {
                return bytes
            }
            return genericBytes(json)
        default:
            return genericBytes(json)
        }
    }

    /// JSON text for structured values; the plain text of strings and numbers (DELIMITED lines).
    private static func genericBytes(_ json: JSONValue) -> [UInt8] {
        switch json {
        case .string(let text): Array(text.utf8)
        case .number(let text): Array(text.utf8)
        default: Array(json.compactText.utf8)
        }
    }

    static func isJSON(_ format: FormatSpec) -> Bool { format.kind == .json }

    // MARK: Decoding outputs

    static func decodeKey(_ bytes: [UInt8]?, source: SourceDefinition?) -> JSONValue? {
        guard let bytes else { return nil }
        guard let source else { return parseOrText(bytes) }
        return decode(bytes, format: source.keyFormat, columns: source.schema.keyColumns, isKey: true)
    }

    static func decodeValue(_ bytes: [UInt8]?, source: SourceDefinition?) -> JSONValue {
        guard let bytes else { return .null }
        guard let source else { return parseOrText(bytes) }
        return decode(bytes, format: source.valueFormat, columns: source.schema.valueColumns, isKey: false) ?? .null
    }

    private static func decode(_ bytes: [UInt8], format: FormatSpec, columns: [Column], isKey: Bool) -> JSONValue? {
        switch format.kind {
        case .json:
            return (try? JSONValue.parse(bytes: bytes)) ?? .string(String(decoding: bytes, as: UTF8.self))
        case .kafka:
            guard let column = columns.first,
                let decoder = try? Serdes.makeDecoder(format: format, columns: [Column(column.name, column.type, kind: column.kind)],
                                                     isKey: isKey)
            else { return .string(String(decoding: bytes, as: UTF8.self)) }
            var arena = ByteArena()
            guard let values = try? decoder.decodeRow(bytes, arena: &arena), let value = values.first else { return .null }
            return JSONValue(value, type: column.type)
        case .none:
            return nil
        default:
            return .string(String(decoding: bytes, as: UTF8.self))
        }
    }

    private static func parseOrText(_ bytes: [UInt8]) -> JSONValue {
        (try? JSONValue.parse(bytes: bytes)) ?? .string(String(decoding: bytes, as: UTF8.self))
    }
}

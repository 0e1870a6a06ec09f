import SluiceCore
import SluiceFormats

extension JSONDocument {
    /// A SQL value as TO_JSON_STRING writes it: temporal values and BYTES as strings (`"16:43"`,
    /// `"1972-09-27"`, `"1971-11-28T23:46:40.000"`, MIME base64), DECIMAL in plain notation,
    /// DOUBLE as Java prints it (NaN and infinities quoted), STRUCT fields and MAP keys sorted.
    package static func json(_ value: Value, type: SQLType) -> JSONValue {
        switch value {
        case .null: return .null
        case .boolean(let flag): return .bool(flag)
        case .integer(let v): return .number(v)
        case .bigint(let v): return .number(v)
        case .double(let v):
            let text = JavaDoubleFormat.string(v)
            return v.isFinite ? .number(text) : .string(text)
        case .decimal(let v): return .number(v.description)
        case .string(let text): return .string(text.string)
        case .bytes(let bytes): return .string(ByteEncodings.mimeBase64(bytes.bytes))
        case .date(let days): return .string(TemporalText.formatDate(days))
        case .time(let millis): return .string(TemporalText.formatTime(millis))
        case .timestamp(let millis): return .string(TemporalText.formatTimestamp(millis))
        case .array(let elements):
            var elementType = SQLType.string
            if case .array(let element) = type { elementType = element }
            return .array(elements.map { json($0, type: elementType) })
        case .map(let map):
            var keyType = SQLType.string
            var valueType = SQLType.string
            if case .map(let k, let v) = type {
                keyType = k
                valueType = v
            }
            let members = map.entries.map { key, entry in
                JSONObject.Member(
                    ValueText.castString(key, type: keyType) ?? "null", json(entry, type: valueType))
            }
            return .object(JSONObject(sortedByKey(members)))
        case .struct(let fields):
            guard case .struct(let declared) = type else { return .null }
            let members = zip(declared, fields).map { field, value in
                JSONObject.Member(field.name, json(value, type: field.type))
            }
            return .object(JSONObject(sortedByKey(members)))
        }
    }

    /// Members in Java `String` order (UTF-16 code units), as a `TreeMap` keeps them.
    static func sortedByKey(_ members: [JSONObject.Member]) -> [JSONObject.Member] {
        members.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
    }
}

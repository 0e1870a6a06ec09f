import SluiceCore
import SluiceFunctions

/// Renders values for people: REPL tables, `exec` output, DESCRIBE. Not a serialization format.
public enum ValueRenderer {
    /// Text for a table cell: strings as they are, NULL as `null`, nested values as JSON.
    public static func text(_ value: Value, _ type: SQLType) -> String {
        switch value {
        case .string(let text): return text.string
        case .array, .map, .struct: return json(value, type)
        default: return scalar(value) ?? "null"
        }
    }

    /// The value as JSON, with struct field names from `type`.
    public static func json(_ value: Value, _ type: SQLType) -> String {
        switch (value, type) {
        case (.null, _): return "null"
        case (.string(let text), _): return quoted(text.string)
        case (.bytes, _), (.date, _), (.time, _), (.timestamp, _): return quoted(scalar(value) ?? "")
        case (.array(let elements), .array(let elementType)):
            return "[" + elements.map { json($0, elementType) }.joined(separator: ",") + "]"
        case (.map(let map), .map(_, let valueType)):
            return "{" + map.entries.map { key, value in
                quoted(text(key, .string)) + ":" + json(value, valueType)
            }.joined(separator: ",") + "}"
        case (.struct(let fields), .struct(let fieldTypes)):
            return "{" + zip(fields, fieldTypes).map { value, field in
                quoted(field.name) + ":" + json(value, field.type)
            }.joined(separator: ",") + "}"
        default:
            return scalar(value) ?? "null"
        }
    }

    private static func scalar(_ value: Value) -> String? {
        switch value {
        case .null: return nil
        case .boolean(let v): return v ? "true" : "false"
        case .integer(let v): return String(v)
        case .bigint(let v): return String(v)
        case .double(let v): return JavaDoubleFormat.string(v)
        case .decimal(let v): return v.description
        case .string(let v): return v.string
        case .bytes(let v): return v.withBytes { Base64.encode($0) }
        case .date(let v): return Temporal.formatDate(days: Int64(v))
        case .time(let v): return Temporal.formatTime(millis: Int64(v))
        case .timestamp(let v): return Temporal.formatTimestamp(millis: v)
        case .array, .map, .struct: return nil
        }
    }

    /// A JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

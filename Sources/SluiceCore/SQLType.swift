/// A SQL data type, as ksqlDB's `SqlType` has them.
///
/// Custom type names (`CREATE TYPE`) are resolved by the planner; a `SQLType` is always concrete.
public indirect enum SQLType: Hashable, Sendable {
    case boolean
    /// `INT` / `INTEGER`: a 32-bit signed integer.
    case integer
    /// `BIGINT`: a 64-bit signed integer.
    case bigint
    /// `DOUBLE`: an IEEE 754 double.
    case double
    /// `DECIMAL(precision, scale)`.
    case decimal(precision: Int, scale: Int)
    /// `STRING` / `VARCHAR`.
    case string
    case bytes
    /// Days since 1970-01-01.
    case date
    /// Milliseconds since midnight.
    case time
    /// Milliseconds since 1970-01-01T00:00:00Z.
    case timestamp
    case array(SQLType)
    case map(key: SQLType, value: SQLType)
    case `struct`([StructField])

    /// The largest decimal precision Sluice supports (ksqlDB's limit as well).
    public static let maxDecimalPrecision = 38

    /// A named field of a `STRUCT` type. Names keep their case; lookups are exact.
    public struct StructField: Hashable, Sendable {
        public var name: String
        public var type: SQLType

        public init(_ name: String, _ type: SQLType) {
            self.name = name
            self.type = type
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .integer, .bigint, .double, .decimal: true
        default: false
        }
    }

    public var isPrimitive: Bool {
        switch self {
        case .array, .map, .struct: false
        default: true
        }
    }

    /// The name ksqlDB uses for the base type in messages (its `SqlBaseType`): `INTEGER`, `DECIMAL`, `ARRAY`.
    public var baseName: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .integer: "INTEGER"
        case .bigint: "BIGINT"
        case .double: "DOUBLE"
        case .decimal: "DECIMAL"
        case .string: "STRING"
        case .bytes: "BYTES"
        case .date: "DATE"
        case .time: "TIME"
        case .timestamp: "TIMESTAMP"
        case .array: "ARRAY"
        case .map: "MAP"
        case .struct: "STRUCT"
        }
    }

    /// The index of a struct field by exact name, then case-insensitively.
    public func fieldIndex(_ name: String) -> Int? {
        guard case .struct(let fields) = self else { return nil }
        if let exact = fields.firstIndex(where: { $0.name == name }) { return exact }
        let upper = name.uppercased()
        return fields.firstIndex { $0.name.uppercased() == upper }
    }
}

extension SQLType: CustomStringConvertible {
    /// The type as ksqlDB prints it: `INTEGER`, `DECIMAL(4, 2)`, `ARRAY<STRING>`, `STRUCT<A INTEGER>`.
    public var description: String { render(quoteFields: false) }

    /// The type with every struct field name backquoted, so it parses back exactly.
    public var canonicalText: String { render(quoteFields: true) }

    private func render(quoteFields: Bool) -> String {
        switch self {
        case .boolean: return "BOOLEAN"
        case .integer: return "INTEGER"
        case .bigint: return "BIGINT"
        case .double: return "DOUBLE"
        case .decimal(let p, let s): return "DECIMAL(\(p), \(s))"
        case .string: return "STRING"
        case .bytes: return "BYTES"
        case .date: return "DATE"
        case .time: return "TIME"
        case .timestamp: return "TIMESTAMP"
        case .array(let element): return "ARRAY<\(element.render(quoteFields: quoteFields))>"
        case .map(let key, let value):
            return "MAP<\(key.render(quoteFields: quoteFields)), \(value.render(quoteFields: quoteFields))>"
        case .struct(let fields):
            let inner = fields.map { field in
                let name = quoteFields ? "`" + field.name.doublingBackquotes + "`" : field.name
                return "\(name) \(field.type.render(quoteFields: quoteFields))"
            }
            return "STRUCT<\(inner.joined(separator: ", "))>"
        }
    }
}

extension SQLType: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let type = SQLType(canonicalText: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad SQL type '\(text)'"))
        }
        self = type
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonicalText)
    }
}

/// Values are stored in plans (literals) as one-key objects naming their kind:
/// `{"integer": 5}`, `{"decimal": "1.50"}`, `{"string": "abc"}`, `{"array": [...]}`.
extension Value: Codable {
    private enum Key: String, CodingKey {
        case null, boolean, integer, bigint, double, decimal, string, bytes, date, time, timestamp, array, map, `struct`
        case keys, values
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "empty value"))
        }
        switch key {
        case .null: self = .null
        case .boolean: self = .boolean(try container.decode(Bool.self, forKey: key))
        case .integer: self = .integer(try container.decode(Int32.self, forKey: key))
        case .bigint: self = .bigint(try container.decode(Int64.self, forKey: key))
        case .double:
            // Non-finite doubles don't exist in JSON; they travel as text.
            if let text = try? container.decode(String.self, forKey: key) {
                self = .double(text == "NaN" ? .nan : (text.hasPrefix("-") ? -.infinity : .infinity))
            } else {
                self = .double(try container.decode(Double.self, forKey: key))
            }
        case .decimal:
            let text = try container.decode(String.self, forKey: key)
            guard let decimal = SQLDecimal(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "bad decimal")
            }
            self = .decimal(decimal)
        case .string: self = .string(ByteString(try container.decode(String.self, forKey: key)))
        case .bytes: self = .bytes(ByteString(try container.decode([UInt8].self, forKey: key)))
        case .date: self = .date(try container.decode(Int32.self, forKey: key))
        case .time: self = .time(try container.decode(Int32.self, forKey: key))
        case .timestamp: self = .timestamp(try container.decode(Int64.self, forKey: key))
        case .array: self = .array(try container.decode([Value].self, forKey: key))
        case .struct: self = .struct(try container.decode([Value].self, forKey: key))
        case .map:
            let nested = try container.nestedContainer(keyedBy: Key.self, forKey: key)
            let keys = try nested.decode([Value].self, forKey: .keys)
            let values = try nested.decode([Value].self, forKey: .values)
            self = .map(MapValue(Array(zip(keys, values))))
        case .keys, .values:
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "unknown value kind")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .null: try container.encodeNil(forKey: .null)
        case .boolean(let v): try container.encode(v, forKey: .boolean)
        case .integer(let v): try container.encode(v, forKey: .integer)
        case .bigint(let v): try container.encode(v, forKey: .bigint)
        case .double(let v):
            if v.isFinite { try container.encode(v, forKey: .double) } else { try container.encode(JavaDoubleFormat.string(v), forKey: .double) }
        case .decimal(let v): try container.encode(v.description, forKey: .decimal)
        case .string(let v): try container.encode(v.string, forKey: .string)
        case .bytes(let v): try container.encode(v.bytes, forKey: .bytes)
        case .date(let v): try container.encode(v, forKey: .date)
        case .time(let v): try container.encode(v, forKey: .time)
        case .timestamp(let v): try container.encode(v, forKey: .timestamp)
        case .array(let v): try container.encode(v, forKey: .array)
        case .struct(let v): try container.encode(v, forKey: .struct)
        case .map(let v):
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: .map)
            try nested.encode(v.keys, forKey: .keys)
            try nested.encode(v.values, forKey: .values)
        }
    }
}

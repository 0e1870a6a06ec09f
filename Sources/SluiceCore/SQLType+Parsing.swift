extension SQLType {
    /// Parses the text `canonicalText` or `description` produce (plus the aliases `INT` and `VARCHAR`).
    ///
    /// This is for stored plans and test expectations, not for user SQL: the SQL parser reads
    /// types in statements and reports mistakes with diagnostics.
    public init?(canonicalText text: String) {
        var reader = TypeTextReader(Array(text.utf8))
        guard let type = reader.readType(), reader.atEnd else { return nil }
        self = type
    }
}

private struct TypeTextReader {
    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool {
        mutating get {
            skipSpaces()
            return position == bytes.count
        }
    }

    mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == 0x20 { position += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        skipSpaces()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func word() -> String? {
        skipSpaces()
        let start = position
        while position < bytes.count, isWordByte(bytes[position]) { position += 1 }
        return start == position ? nil : String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            || byte >= 0x80
    }

    mutating func number() -> Int? {
        guard let text = word() else { return nil }
        return Int(text)
    }

    /// A struct field name: backquoted (doubled backquotes escape one) or a bare word.
    mutating func fieldName() -> String? {
        skipSpaces()
        guard position < bytes.count else { return nil }
        guard bytes[position] == UInt8(ascii: "`") else { return word() }
        position += 1
        var name: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "`") {
                if position < bytes.count, bytes[position] == UInt8(ascii: "`") {
                    name.append(byte)
                    position += 1
                } else {
                    return String(decoding: name, as: UTF8.self)
                }
            } else {
                name.append(byte)
            }
        }
        return nil
    }

    mutating func readType() -> SQLType? {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200, let name = word()?.uppercased() else { return nil }
        switch name {
        case "BOOLEAN": return .boolean
        case "INT", "INTEGER": return .integer
        case "BIGINT": return .bigint
        case "DOUBLE": return .double
        case "STRING", "VARCHAR": return .string
        case "BYTES": return .bytes
        case "DATE": return .date
        case "TIME": return .time
        case "TIMESTAMP": return .timestamp
        case "DECIMAL":
            guard consume(UInt8(ascii: "(")), let p = number(), consume(UInt8(ascii: ",")), let s = number(),
                consume(UInt8(ascii: ")"))
            else { return nil }
            return .decimal(precision: p, scale: s)
        case "ARRAY":
            guard consume(UInt8(ascii: "<")), let element = readType(), consume(UInt8(ascii: ">")) else { return nil }
            return .array(element)
        case "MAP":
            guard consume(UInt8(ascii: "<")), let key = readType(), consume(UInt8(ascii: ",")), let value = readType(),
                consume(UInt8(ascii: ">"))
            else { return nil }
            return .map(key: key, value: value)
        case "STRUCT":
            guard consume(UInt8(ascii: "<")) else { return nil }
            var fields: [SQLType.StructField] = []
            if consume(UInt8(ascii: ">")) { return .struct(fields) }
            repeat {
                guard let fieldName = fieldName(), let type = readType() else { return nil }
                fields.append(SQLType.StructField(fieldName, type))
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: ">")) else { return nil }
            return .struct(fields)
        default:
            return nil
        }
    }
}

/// Why JSON text could not be parsed, and where (1-based line and column; the column counts
/// characters, not bytes).
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// The UTF-8 byte offset of the problem.
    public var offset: Int
    public var message: String

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}

extension JSONValue {
    /// Parses one JSON value. `//` line comments and `/* */` block comments are allowed wherever
    /// whitespace is (QTT files have them); anything but whitespace and comments after the value is
    /// an error. Nesting is limited to 512 levels.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(bytes: Array(text.utf8))
    }

    public static func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONValueParser(bytes: bytes)
        let value = try parser.parseValue(depth: 0)
        try parser.skipTrivia()
        guard parser.position == bytes.count else { throw parser.error("unexpected content after the JSON value") }
        return value
    }
}

struct JSONValueParser {
    let bytes: [UInt8]
    var position = 0
    static let maxDepth = 512

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = bytes[lineStart..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return JSONParseError(line: line, column: column, offset: offset, message: message)
    }

    private func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "character \(byte)"
    }

    mutating func skipTrivia() throws(JSONParseError) {
        while position < bytes.count {
            let byte = bytes[position]
            if JSONScanner.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                let start = position
                position += 2
                while position + 1 < bytes.count, !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/")) {
                    position += 1
                }
                guard position + 1 < bytes.count else { throw error("unterminated comment", at: start) }
                position += 2
            } else {
                return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        try skipTrivia()
        guard position < bytes.count else { throw error("expected a value, found end of input") }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case 0x22: return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a value, found \(describe(byte))")
        }
    }

    private mutating func parseLiteral(_ word: String, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        let utf8 = Array(word.utf8)
        guard bytes.count - position >= utf8.count, Array(bytes[position..<(position + utf8.count)]) == utf8 else {
            throw error("expected a value, found an unknown word")
        }
        position += utf8.count
        return value
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        func digits(_ position: inout Int, _ bytes: [UInt8]) -> Int {
            let first = position
            while position < bytes.count, bytes[position] &- 0x30 < 10 { position += 1 }
            return position - first
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits(&position, bytes)
        guard integerDigits > 0 else { throw error("expected a digit in a number") }
        if integerDigits > 1, bytes[integerStart] == 0x30 { throw error("leading zeros are not allowed in a number", at: integerStart) }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&position, bytes) > 0 else { throw error("expected a digit after the decimal point") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits(&position, bytes) > 0 else { throw error("expected a digit in the exponent") }
        }
        return .number(String(decoding: bytes[start..<position], as: UTF8.self))
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let start = position
        position += 1
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else { throw error("unterminated string", at: start) }
            let byte = bytes[position]
            switch byte {
            case 0x22:
                position += 1
                return String(decoding: text, as: UTF8.self)
            case 0x5C:
                try parseEscape(into: &text)
            case 0..<0x20:
                throw error("control character \(byte) must be escaped in a string")
            default:
                text.append(byte)
                position += 1
            }
        }
    }

    private mutating func parseEscape(into text: inout [UInt8]) throws(JSONParseError) {
        guard position + 1 < bytes.count else { throw error("unterminated escape") }
        let kind = bytes[position + 1]
        position += 2
        switch kind {
        case 0x22, 0x5C, 0x2F: text.append(kind)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if scalar >= 0xD800 && scalar < 0xDC00, position + 1 < bytes.count, bytes[position] == 0x5C,
                bytes[position + 1] == UInt8(ascii: "u")
            {
                let save = position
                position += 2
                let low = try parseHex4()
                if low >= 0xDC00 && low < 0xE000 {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    position = save
                }
            }
            text.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(kind)))'", at: position - 2)
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw error("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = JSONScanner.hexValue(bytes[position]) else { throw error("expected a hex digit after \\u") }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("JSON nested too deeply") }
        position += 1
        var elements: [JSONValue] = []
        try skipTrivia()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            try skipTrivia()
            guard position < bytes.count else { throw error("expected ',' or ']', found end of input") }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "]") { return .array(elements) }
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or ']', found \(describe(byte))", at: position - 1) }
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("JSON nested too deeply") }
        position += 1
        var members: [JSONObject.Member] = []
        try skipTrivia()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(JSONObject(members))
        }
        while true {
            try skipTrivia()
            guard position < bytes.count else { throw error("expected a field name, found end of input") }
            guard bytes[position] == 0x22 else { throw error("expected a field name, found \(describe(bytes[position]))") }
            let key = try parseString()
            try skipTrivia()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':' after a field name") }
            position += 1
            members.append(JSONObject.Member(key, try parseValue(depth: depth)))
            try skipTrivia()
            guard position < bytes.count else { throw error("expected ',' or '}', found end of input") }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "}") { return .object(JSONObject(members)) }
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or '}', found \(describe(byte))", at: position - 1) }
        }
    }
}

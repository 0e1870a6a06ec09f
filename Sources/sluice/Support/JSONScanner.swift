/// A validating JSON scanner over bytes in memory: no tree, no `String` per value.
///
/// `sluice produce` uses it to check that each line is a JSON object and to find the fields that
/// give the key and the timestamp; `sluice print` uses it to tell whether bytes are JSON.
struct JSONScanner {
    enum Kind: Equatable {
        case object, array, string, number, boolean, null
    }

    /// A value's kind and byte range (quotes included for strings).
    struct Value: Equatable {
        var kind: Kind
        var range: Range<Int>
        var hasEscapes = false
    }

    /// Why the text is not valid JSON, with the 0-based byte position.
    struct Failure: Error, Equatable {
        var position: Int
        var message: String
    }

    static let maximumDepth = 256

    private let base: UnsafeRawPointer
    private let count: Int
    private var position = 0
    private var depth = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        count = bytes.count
    }

    /// Checks that the bytes are exactly one JSON value, with optional surrounding whitespace.
    static func validate(_ bytes: UnsafeRawBufferPointer) -> Failure? {
        var scanner = JSONScanner(bytes)
        do throws(Failure) {
            scanner.skipWhitespace()
            _ = try scanner.parseValue()
            scanner.skipWhitespace()
            if scanner.position < scanner.count { throw scanner.failure("expected end of line") }
            return nil
        } catch {
            return error
        }
    }

    /// Checks that the bytes are one JSON object and returns the top-level values of `fields` (nil when absent).
    static func scanObject(_ bytes: UnsafeRawBufferPointer, fields: [[UInt8]]) -> Result<[Value?], Failure> {
        var scanner = JSONScanner(bytes)
        var found = [Value?](repeating: nil, count: fields.count)
        do throws(Failure) {
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: "{") else { throw scanner.failure("expected a JSON object") }
            scanner.position += 1
            scanner.depth = 1
            scanner.skipWhitespace()
            if scanner.peek == UInt8(ascii: "}") {
                scanner.position += 1
            } else {
                while true {
                    scanner.skipWhitespace()
                    guard scanner.peek == UInt8(ascii: "\"") else { throw scanner.failure("expected a field name") }
                    let name = try scanner.parseString()
                    scanner.skipWhitespace()
                    guard scanner.peek == UInt8(ascii: ":") else { throw scanner.failure("expected ':'") }
                    scanner.position += 1
                    scanner.skipWhitespace()
                    let value = try scanner.parseValue()
                    if !fields.isEmpty {
                        for (index, field) in fields.enumerated() where scanner.matches(name, field) {
                            found[index] = value
                        }
                    }
                    scanner.skipWhitespace()
                    if scanner.peek == UInt8(ascii: ",") {
                        scanner.position += 1
                        continue
                    }
                    guard scanner.peek == UInt8(ascii: "}") else { throw scanner.failure("expected ',' or '}'") }
                    scanner.position += 1
                    break
                }
            }
            scanner.skipWhitespace()
            if scanner.position < scanner.count { throw scanner.failure("expected end of line after the object") }
            return .success(found)
        } catch {
            return .failure(error)
        }
    }

    /// The content of a string value with its escapes decoded.
    static func unescapedString(_ bytes: UnsafeRawBufferPointer, _ value: Value) -> [UInt8] {
        let inner = (value.range.lowerBound + 1)..<(value.range.upperBound - 1)
        guard value.hasEscapes else { return Array(bytes[inner]) }
        var result: [UInt8] = []
        var index = inner.lowerBound
        while index < inner.upperBound {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                result.append(byte)
                index += 1
                continue
            }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): result.append(8)
            case UInt8(ascii: "f"): result.append(12)
            case UInt8(ascii: "n"): result.append(10)
            case UInt8(ascii: "r"): result.append(13)
            case UInt8(ascii: "t"): result.append(9)
            case UInt8(ascii: "u"):
                var scalar = hexValue(bytes, index)
                index += 4
                // A surrogate pair: \uD83D\uDE00.
                if scalar >= 0xD800 && scalar < 0xDC00 && index + 6 <= inner.upperBound
                    && bytes[index] == UInt8(ascii: "\\")
                    && bytes[index + 1] == UInt8(ascii: "u")
                {
                    let low = hexValue(bytes, index + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                result.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: result.append(escape)
            }
        }
        return result
    }

    private static func hexValue(_ bytes: UnsafeRawBufferPointer, _ start: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[start + offset]
            let digit: UInt8 =
                byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : (byte | 0x20) - UInt8(ascii: "a") + 10
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    // MARK: Parsing

    private var peek: UInt8? {
        position < count ? base.load(fromByteOffset: position, as: UInt8.self) : nil
    }

    private func failure(_ expected: String) -> Failure {
        let found: String
        if let byte = peek {
            found =
                byte >= 0x20 && byte < 0x7f
                ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        } else {
            found = "end of line"
        }
        return Failure(position: position, message: "\(expected), found \(found)")
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0d || byte == 0x0a { position += 1 }
    }

    private mutating func parseValue() throws(Failure) -> Value {
        let start = position
        guard let byte = peek else { throw failure("expected a JSON value") }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try parseContainer(close: byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            return Value(kind: byte == UInt8(ascii: "{") ? .object : .array, range: start..<position)
        case UInt8(ascii: "\""):
            return try parseString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try parseNumber()
            return Value(kind: .number, range: start..<position)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return Value(kind: .boolean, range: start..<position)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return Value(kind: .boolean, range: start..<position)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return Value(kind: .null, range: start..<position)
        default:
            throw failure("expected a JSON value")
        }
    }

    private mutating func parseContainer(close: UInt8) throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("JSON nested too deeply") }
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if peek == close {
            position += 1
            return
        }
        let isObject = close == UInt8(ascii: "}")
        while true {
            skipWhitespace()
            if isObject {
                guard peek == UInt8(ascii: "\"") else { throw failure("expected a field name") }
                _ = try parseString()
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { throw failure("expected ':'") }
                position += 1
                skipWhitespace()
            }
            _ = try parseValue()
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard peek == close else { throw failure(isObject ? "expected ',' or '}'" : "expected ',' or ']'") }
            position += 1
            return
        }
    }

    private mutating func parseString() throws(Failure) -> Value {
        let start = position
        position += 1
        var escapes = false
        while position < count {
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            if byte == UInt8(ascii: "\"") {
                position += 1
                return Value(kind: .string, range: start..<position, hasEscapes: escapes)
            }
            if byte < 0x20 { throw failure("expected '\"' to close the string") }
            if byte == UInt8(ascii: "\\") {
                escapes = true
                position += 1
                guard let escape = peek else { break }
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 1
                case UInt8(ascii: "u"):
                    position += 1
                    for _ in 0..<4 {
                        guard let digit = peek, isHexDigit(digit) else {
                            throw failure("expected 4 hex digits after \\u")
                        }
                        position += 1
                    }
                default:
                    throw failure("expected an escape character")
                }
                continue
            }
            position += 1
        }
        throw failure("expected '\"' to close the string")
    }

    private mutating func parseNumber() throws(Failure) {
        if peek == UInt8(ascii: "-") { position += 1 }
        guard let first = peek, isDigit(first) else { throw failure("expected a digit") }
        position += 1
        if first != UInt8(ascii: "0") { while let byte = peek, isDigit(byte) { position += 1 } }
        if peek == UInt8(ascii: ".") {
            position += 1
            guard let byte = peek, isDigit(byte) else { throw failure("expected a digit after '.'") }
            while let byte = peek, isDigit(byte) { position += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard let byte = peek, isDigit(byte) else { throw failure("expected a digit in the exponent") }
            while let byte = peek, isDigit(byte) { position += 1 }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let length = literal.utf8CodeUnitCount
        guard count - position >= length,
            memcmp(base + position, literal.utf8Start, length) == 0
        else { throw failure("expected a JSON value") }
        position += length
    }

    private func matches(_ name: Value, _ field: [UInt8]) -> Bool {
        let length = name.range.count - 2
        guard !name.hasEscapes else {
            return Self.unescapedString(UnsafeRawBufferPointer(start: base, count: count), name) == field
        }
        guard length == field.count else { return false }
        if length == 0 { return true }
        return field.withUnsafeBytes { memcmp(base + name.range.lowerBound + 1, $0.baseAddress!, length) == 0 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

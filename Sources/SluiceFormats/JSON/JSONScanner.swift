#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cursor over JSON bytes with the token-level operations the schema-driven decoder needs.
///
/// It validates as it goes (string escapes, UTF-8, number syntax, literals, nesting) so a record
/// ksqlDB's Jackson parser rejects is rejected here too, but it builds no tree: the decoder asks
/// for exactly the token its schema expects next.
struct JSONScanner {
    let end: UnsafePointer<UInt8>
    var position: UnsafePointer<UInt8>

    /// Nesting deeper than this is rejected, as Jackson's default read constraints do.
    static let maxDepth = 1000

    init(_ bytes: UnsafeRawBufferPointer) {
        let start = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) }
            ?? UnsafeRawPointer(bitPattern: 1)!.assumingMemoryBound(to: UInt8.self)
        position = start
        end = start + bytes.count
    }

    var atEnd: Bool { position >= end }

    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    @inline(__always) mutating func skipWhitespace() {
        while position < end, JSONScanner.isWhitespace(position.pointee) { position += 1 }
    }

    /// The next byte after whitespace, not consumed.
    @inline(__always) mutating func peekToken() throws(SerdeError) -> UInt8 {
        skipWhitespace()
        guard position < end else { throw .invalidJSON("unexpected end-of-input: expected a value") }
        return position.pointee
    }

    /// Consumes `byte` after whitespace.
    @inline(__always) mutating func expect(_ byte: UInt8, _ what: StaticString) throws(SerdeError) {
        skipWhitespace()
        guard position < end else { throw .invalidJSON("unexpected end-of-input: expected \(what)") }
        guard position.pointee == byte else { throw JSONScanner.unexpected(position.pointee, expected: "\(what)") }
        position += 1
    }

    static func unexpected(_ byte: UInt8, expected: String) -> SerdeError {
        let code = "(code \(byte))"
        let shown = byte > 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))' \(code)" : code
        return .invalidJSON("unexpected character (\(shown)): expected \(expected)")
    }

    /// Consumes `true`, `false` or `null` at the current position.
    mutating func consumeLiteral(_ literal: StaticString) throws(SerdeError) {
        let count = literal.utf8CodeUnitCount
        guard end - position >= count, memcmp(position, literal.utf8Start, count) == 0 else {
            throw .invalidJSON("unrecognized token: expected \(literal)")
        }
        position += count
        if position < end, JSONScanner.isIdentifierByte(position.pointee) {
            throw .invalidJSON("unrecognized token: expected \(literal)")
        }
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte &- 0x30 < 10) || byte == 0x5F
    }

    /// A string's raw bytes between its quotes.
    struct StringToken {
        var start: UnsafePointer<UInt8>
        var count: Int
        /// Whether the raw bytes contain `\` escapes that must be decoded.
        var hasEscapes: Bool

        var raw: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }
    }

    /// Scans a string whose opening quote is at the current position.
    ///
    /// Eight bytes at a time, it looks for the closing quote, a backslash, a control byte
    /// (invalid unescaped) or a non-ASCII byte (whose UTF-8 sequence is then checked).
    @inline(__always) mutating func scanString() throws(SerdeError) -> StringToken {
        position += 1
        let start = position
        var hasEscapes = false
        while true {
            while end - position >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(position).loadUnaligned(as: UInt64.self))
                let special = JSONScanner.specialBytes(word)
                if special == 0 {
                    position += 8
                    continue
                }
                position += special.trailingZeroBitCount >> 3
                break
            }
            guard position < end else { throw .invalidJSON("unexpected end-of-input in a string") }
            let byte = position.pointee
            if byte == 0x22 {
                let token = StringToken(start: start, count: position - start, hasEscapes: hasEscapes)
                position += 1
                return token
            }
            if byte == 0x5C {
                hasEscapes = true
                try skipEscape()
            } else if byte < 0x20 {
                throw .invalidJSON("illegal unquoted character (code \(byte)): has to be escaped in a string")
            } else if byte >= 0x80 {
                try skipUTF8Sequence()
            } else {
                position += 1
            }
        }
    }

    /// High bit set in each byte of `word` that is `"`, `\`, below 0x20 or above 0x7F; the lowest
    /// flagged byte is exact (higher ones may be false positives, which only cost a slow step).
    ///
    /// `(x - 1)` has its high bit set when `x` is 0 (the byte matched) or above 0x80 (the byte is
    /// non-ASCII, flagged anyway), and a borrow only starts at a flagged byte, so the usual
    /// `& ~x` is not needed.
    @inline(__always) static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = (word ^ 0x2222_2222_2222_2222) &- ones
        let backslash = (word ^ 0x5C5C_5C5C_5C5C_5C5C) &- ones
        let control = word &- 0x2020_2020_2020_2020
        return (quote | backslash | control | word) & 0x8080_8080_8080_8080
    }

    private mutating func skipEscape() throws(SerdeError) {
        guard end - position >= 2 else { throw .invalidJSON("unexpected end-of-input in a string escape") }
        switch position[1] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
            position += 2
        case 0x75:
            guard end - position >= 6 else { throw .invalidJSON("unexpected end-of-input in a string escape") }
            for index in 2..<6 where JSONScanner.hexValue(position[index]) == nil {
                throw .invalidJSON("illegal character in a \\u escape: expected a hex digit")
            }
            position += 6
        default:
            throw .invalidJSON("unrecognized character escape (code \(position[1]))")
        }
    }

    @inline(__always) static func hexValue(_ byte: UInt8) -> UInt32? {
        if byte &- 0x30 < 10 { return UInt32(byte &- 0x30) }
        let lower = byte | 0x20
        if lower >= 0x61 && lower <= 0x66 { return UInt32(lower - 0x61 + 10) }
        return nil
    }

    /// Checks one UTF-8 sequence starting at the current (non-ASCII) byte and steps over it.
    private mutating func skipUTF8Sequence() throws(SerdeError) {
        let length = UTF8Validation.sequenceLength(position, end: end)
        guard length > 0 else { throw .invalidJSON("invalid UTF-8 byte (code \(position.pointee))") }
        position += length
    }

    /// A number's text and whether it is an integer (no fraction, no exponent).
    struct NumberToken {
        var start: UnsafePointer<UInt8>
        var count: Int
        var isInteger: Bool

        var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }
    }

    /// Scans a number (JSON grammar: no leading zeros, no `+`, digits after `.` and `e`).
    @inline(__always) mutating func scanNumber() throws(SerdeError) -> NumberToken {
        let start = position
        if position < end, position.pointee == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        while position < end, position.pointee &- 0x30 < 10 { position += 1 }
        let integerDigits = position - integerStart
        guard integerDigits > 0 else { throw .invalidJSON("invalid numeric value: expected a digit") }
        if integerDigits > 1, integerStart.pointee == 0x30 {
            throw .invalidJSON("invalid numeric value: leading zeroes not allowed")
        }
        var isInteger = true
        if position < end, position.pointee == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            let fractionStart = position
            while position < end, position.pointee &- 0x30 < 10 { position += 1 }
            guard position > fractionStart else {
                throw .invalidJSON("invalid numeric value: decimal point not followed by a digit")
            }
        }
        if position < end, position.pointee | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < end, position.pointee == UInt8(ascii: "-") || position.pointee == UInt8(ascii: "+") {
                position += 1
            }
            let exponentStart = position
            while position < end, position.pointee &- 0x30 < 10 { position += 1 }
            guard position > exponentStart else {
                throw .invalidJSON("invalid numeric value: exponent indicator not followed by a digit")
            }
        }
        if position < end, JSONScanner.isIdentifierByte(position.pointee) || position.pointee == UInt8(ascii: ".") {
            throw .invalidJSON("invalid numeric value: unexpected character (code \(position.pointee)) in a number")
        }
        return NumberToken(start: start, count: position - start, isInteger: isInteger)
    }

    /// The kind of the value starting at `byte`, as Jackson would name its node.
    static func nodeKind(startingWith byte: UInt8, number: NumberToken? = nil) -> JSONNodeKind {
        switch byte {
        case UInt8(ascii: "\""): return .text
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "n"): return .null
        default:
            guard let number else { return .integer }
            return number.isInteger ? JSONNumbers.integerKind(number) : .decimal
        }
    }
}

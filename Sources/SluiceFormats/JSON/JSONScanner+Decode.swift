import SluiceCore

/// Reading typed values: the coercions of ksqlDB's `KsqlJsonDeserializer`.
///
/// - numbers from numbers (fractions truncated, wide integers keep their low bits) or from strings
///   (`Integer.parseInt` / `Long.parseLong` / `Double.parseDouble`);
/// - `BOOLEAN` only from `true` / `false`;
/// - `STRING` from anything: numbers and booleans as their text, objects as compact JSON, arrays as
///   `[a, b]`;
/// - `DECIMAL` from a number or a string, exactly, rescaled to the column's scale when no digit is
///   lost; `BYTES` from base64 text; `DATE` (days), `TIME` (ms of day), `TIMESTAMP` (epoch ms) from
///   integers or integer strings;
/// - `ARRAY` from arrays, `MAP` (string keys) and `STRUCT` from objects.
extension JSONScanner {
    /// `decodeValue` with the common cases inlined: a string into STRING, a plain integer of up
    /// to 18 digits into BIGINT or INT.
    @inline(__always)
    mutating func decodeField(_ plan: JSONTypePlan, arena: inout ByteArena) throws(SerdeError) -> Value {
        skipWhitespace()
        if position < end {
            let byte = position.pointee
            switch plan {
            case .string where byte == 0x22:
                return .string(try decodeStringToken(arena: &arena))
            case .bigint:
                if let value = scanPlainInteger() { return .bigint(value) }
            case .integer:
                if let value = scanPlainInteger() { return .integer(Int32(truncatingIfNeeded: value)) }
            default:
                break
            }
        }
        return try decodeValue(plan, arena: &arena)
    }

    /// Reads an integer of 1 to 18 digits (optionally negative) that no `.`, exponent or other
    /// number character follows; anything else leaves the position unchanged and returns `nil`.
    @inline(__always) mutating func scanPlainInteger() -> Int64? {
        var cursor = position
        let negative = cursor < end && cursor.pointee == UInt8(ascii: "-")
        if negative { cursor += 1 }
        let digitsStart = cursor
        var value: Int64 = 0
        if end - cursor >= 8 {
            // Up to seven digits and the byte after them in one word.
            let word = UInt64(littleEndian: UnsafeRawPointer(cursor).loadUnaligned(as: UInt64.self))
            let digits = JSONScanner.leadingDigitCount(word)
            if digits < 8 {
                guard digits > 0, digits == 1 || digitsStart.pointee != 0x30 else { return nil }
                cursor += digits
                let next = cursor.pointee
                if next == UInt8(ascii: ".") || next | 0x20 >= 0x61 && next | 0x20 <= 0x7A { return nil }
                position = cursor
                let number = Int64(JSONScanner.digitsValue(word, count: digits))
                return negative ? -number : number
            }
            // Eight digits: the loop below reads the rest.
            value = Int64(JSONScanner.digitsValue(word, count: 8))
            cursor += 8
        }
        while cursor < end {
            let digit = cursor.pointee &- 0x30
            if digit >= 10 { break }
            value = value &* 10 &+ Int64(digit)
            cursor += 1
        }
        let digits = cursor - digitsStart
        guard digits > 0, digits <= 18, digits == 1 || digitsStart.pointee != 0x30 else { return nil }
        if cursor < end {
            let next = cursor.pointee
            if next == UInt8(ascii: ".") || next | 0x20 == UInt8(ascii: "e") || next | 0x20 >= 0x61 && next | 0x20 <= 0x7A {
                return nil
            }
        }
        position = cursor
        return negative ? -value : value
    }

    /// How many of the word's bytes, from the lowest, are ASCII digits before the first other byte (8 when all are).
    @inline(__always) static func leadingDigitCount(_ word: UInt64) -> Int {
        let shifted = word ^ 0x3030_3030_3030_3030
        // A digit's byte is now 0x00...0x09: a high nibble, or a low nibble of 10 or more (which
        // carries into the high nibble when 6 is added, never into the next byte), marks others.
        let highNibbles = shifted & 0xF0F0_F0F0_F0F0_F0F0
        let lowAbove9 = ((shifted & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
        return (highNibbles | lowAbove9).trailingZeroBitCount >> 3
    }

    /// The value of the first `count` (1...8) bytes of `word`, which are ASCII digits, the first
    /// the most significant.
    @inline(__always) static func digitsValue(_ word: UInt64, count: Int) -> UInt64 {
        // Move the digits to the top bytes so the leading bytes are zeros, then fold pairs,
        // quadruples and halves with one multiplication each.
        var value = (word & 0x0F0F_0F0F_0F0F_0F0F) << UInt64(64 - 8 * count)
        value = (value &* (10 << 8 + 1)) >> 8 & 0x00FF_00FF_00FF_00FF
        value = (value &* (100 << 16 + 1)) >> 16 & 0x0000_FFFF_0000_FFFF
        value = (value &* (10000 << 32 + 1)) >> 32
        return value
    }

    mutating func decodeValue(_ plan: JSONTypePlan, arena: inout ByteArena) throws(SerdeError) -> Value {
        let byte = try peekToken()
        if byte == UInt8(ascii: "n") {
            try consumeLiteral("null")
            return .null
        }
        switch plan {
        case .bigint: return .bigint(try decodeInt64(byte, typeName: "BIGINT"))
        case .integer: return .integer(try decodeInt32(byte, typeName: "INTEGER"))
        case .string: return .string(try decodeText(byte, arena: &arena))
        case .double: return .double(try decodeDouble(byte))
        case .boolean:
            switch byte {
            case UInt8(ascii: "t"):
                try consumeLiteral("true")
                return .boolean(true)
            case UInt8(ascii: "f"):
                try consumeLiteral("false")
                return .boolean(false)
            default: throw try conversionError(byte, "BOOLEAN")
            }
        case .decimal(let precision, let scale):
            return .decimal(try decodeDecimal(byte, precision: precision, scale: scale))
        case .bytes:
            guard byte == 0x22 else { throw try conversionError(byte, "BYTES") }
            return .bytes(try decodeBase64(arena: &arena))
        case .timestamp: return .timestamp(try decodeInt64(byte, typeName: "TIMESTAMP"))
        case .date:
            let days = try decodeInt64(byte, typeName: "DATE")
            guard let narrow = Int32(exactly: days) else { throw SerdeError("Date value out of range: \(days) days") }
            return .date(narrow)
        case .time:
            let millis = try decodeInt64(byte, typeName: "TIME")
            guard millis >= 0, millis < 86_400_000 else {
                throw SerdeError(
                    "Time values must use number of milliseconds greater than 0 and less than 86400000. Got \(millis)")
            }
            return .time(Int32(millis))
        case .array(let reference):
            let nested = reference.takeUnretainedValue()
            guard byte == UInt8(ascii: "[") else { throw try conversionError(byte, nested.typeName) }
            return .array(try decodeArray(nested.inner, arena: &arena))
        case .map(let reference):
            let nested = reference.takeUnretainedValue()
            guard byte == UInt8(ascii: "{") else { throw try conversionError(byte, nested.typeName) }
            return .map(try decodeMap(nested.inner, arena: &arena))
        case .structure(let reference):
            let table = reference.takeUnretainedValue()
            guard byte == UInt8(ascii: "{") else { throw try conversionError(byte, table.typeName) }
            return .struct(try decodeStruct(table, arena: &arena))
        }
    }

    /// The "Can't convert type" error for the value starting at `byte` (scanned to name its node).
    mutating func conversionError(_ byte: UInt8, _ typeName: String) throws(SerdeError) -> SerdeError {
        var number: NumberToken?
        if byte == UInt8(ascii: "-") || byte &- 0x30 < 10 { number = try scanNumber() }
        return .cannotConvert(JSONScanner.nodeKind(startingWith: byte, number: number), to: typeName)
    }

    @inline(__always) mutating func decodeInt64(_ byte: UInt8, typeName: StaticString) throws(SerdeError) -> Int64 {
        if byte == UInt8(ascii: "-") || byte &- 0x30 < 10 {
            return JSONNumbers.wrappingInt64(try scanNumber())
        }
        guard byte == 0x22 else { throw try conversionError(byte, "\(typeName)") }
        let token = try scanString()
        guard !token.hasEscapes, let value = JavaNumberParsing.parseInt64(token.raw) else {
            throw .cannotCoerceString(to: "\(typeName)")
        }
        return value
    }

    @inline(__always) mutating func decodeInt32(_ byte: UInt8, typeName: StaticString) throws(SerdeError) -> Int32 {
        if byte == UInt8(ascii: "-") || byte &- 0x30 < 10 {
            return Int32(truncatingIfNeeded: JSONNumbers.wrappingInt64(try scanNumber()))
        }
        guard byte == 0x22 else { throw try conversionError(byte, "\(typeName)") }
        let token = try scanString()
        guard !token.hasEscapes, let value = JavaNumberParsing.parseInt32(token.raw) else {
            throw .cannotCoerceString(to: "\(typeName)")
        }
        return value
    }

    mutating func decodeDouble(_ byte: UInt8) throws(SerdeError) -> Double {
        if byte == UInt8(ascii: "-") || byte &- 0x30 < 10 { return JSONNumbers.double(try scanNumber()) }
        guard byte == 0x22 else { throw try conversionError(byte, "DOUBLE") }
        let token = try scanString()
        guard !token.hasEscapes, let value = JavaNumberParsing.parseDouble(token.raw) else {
            throw .cannotCoerceString(to: "DOUBLE")
        }
        return value
    }

    mutating func decodeDecimal(_ byte: UInt8, precision: Int, scale: Int) throws(SerdeError) -> SQLDecimal {
        let text: UnsafeBufferPointer<UInt8>
        if byte == UInt8(ascii: "-") || byte &- 0x30 < 10 {
            text = try scanNumber().text
        } else if byte == 0x22 {
            let token = try scanString()
            guard !token.hasEscapes else { throw .cannotCoerceString(to: "DECIMAL(\(precision), \(scale))") }
            text = token.raw
        } else {
            throw try conversionError(byte, "DECIMAL(\(precision), \(scale))")
        }
        guard let parsed = ParsedDecimal(text) else { throw .cannotCoerceString(to: "DECIMAL(\(precision), \(scale))") }
        return try parsed.fitted(precision: precision, scale: scale)
    }

    /// A string token's text, unescaped, copied into `arena`.
    @inline(__always) mutating func decodeStringToken(arena: inout ByteArena) throws(SerdeError) -> ByteString {
        // Plain ASCII text is copied to the arena eight bytes at a time while it is scanned;
        // anything else (escapes, other UTF-8, control bytes, very long text, the end of the
        // input near) takes the general path from the opening quote again.
        let start = position + 1
        let limit = start + min(end - start, JSONScanner.copyWhileScanningLimit)
        let out = arena.reserveUnsafe(limit - start)
        var cursor = start
        var written = out
        while limit - cursor >= 8 {
            let raw = UnsafeRawPointer(cursor).loadUnaligned(as: UInt64.self)
            written.storeBytes(of: raw, as: UInt64.self)
            let special = JSONScanner.specialBytes(UInt64(littleEndian: raw))
            if special != 0 {
                cursor += special.trailingZeroBitCount >> 3
                if cursor.pointee == 0x22 {
                    position = cursor + 1
                    return arena.keepReserved(cursor - start)
                }
                break
            }
            cursor += 8
            written += 8
        }
        while cursor < limit {
            let byte = cursor.pointee
            if byte == 0x22 {
                position = cursor + 1
                return arena.keepReserved(cursor - start)
            }
            if byte < 0x20 || byte == 0x5C || byte >= 0x80 { break }
            written.storeBytes(of: byte, as: UInt8.self)
            cursor += 1
            written += 1
        }
        return try decodeStringTokenSlowly(arena: &arena)
    }

    /// Text longer than this is scanned before it is copied.
    static let copyWhileScanningLimit = 4096

    /// `decodeStringToken` by scanning first, then copying or unescaping.
    mutating func decodeStringTokenSlowly(arena: inout ByteArena) throws(SerdeError) -> ByteString {
        let token = try scanString()
        if !token.hasEscapes {
            return arena.append(UnsafeRawBufferPointer(start: token.start, count: token.count))
        }
        return arena.append(capacity: token.count) { JSONEscaping.unescape(token.raw, to: $0) }
    }

    /// Any value as `STRING` text, as ksqlDB's `processString` makes it.
    @inline(__always) mutating func decodeText(_ byte: UInt8, arena: inout ByteArena) throws(SerdeError) -> ByteString {
        if byte == 0x22 { return try decodeStringToken(arena: &arena) }
        var scratch = OutputBuffer(capacity: 256)
        try JSONTextConversion.write(&self, startingWith: byte, into: &scratch)
        return scratch.withUnsafeBytes { arena.append($0) }
    }

    private mutating func decodeBase64(arena: inout ByteArena) throws(SerdeError) -> ByteString {
        let token = try scanString()
        var valid = true
        let bytes = arena.append(capacity: Base64.maxDecodedLength(token.count)) { out in
            guard !token.hasEscapes, let count = Base64.decode(token.raw, to: out.assumingMemoryBound(to: UInt8.self)) else {
                valid = false
                return 0
            }
            return count
        }
        guard valid else {
            throw SerdeError("Value is not a valid Base64 encoded string: \(String(decoding: token.raw, as: UTF8.self))")
        }
        return bytes
    }

    private mutating func decodeArray(_ element: JSONTypePlan, arena: inout ByteArena) throws(SerdeError) -> [Value] {
        position += 1
        var values: [Value] = []
        if try peekToken() == UInt8(ascii: "]") {
            position += 1
            return values
        }
        while true {
            do {
                values.append(try decodeValue(element, arena: &arena))
            } catch {
                throw error.prefixingPath("[\(values.count)]")
            }
            skipWhitespace()
            guard position < end else { throw .invalidJSON("unexpected end-of-input: expected close marker for ARRAY") }
            let next = position.pointee
            position += 1
            if next == UInt8(ascii: "]") { return values }
            guard next == UInt8(ascii: ",") else { throw JSONScanner.unexpected(next, expected: "',' or ']'") }
        }
    }

    private mutating func decodeMap(_ valuePlan: JSONTypePlan, arena: inout ByteArena) throws(SerdeError) -> MapValue {
        position += 1
        var entries: [(Value, Value)] = []
        if try peekToken() == UInt8(ascii: "}") {
            position += 1
            return MapValue()
        }
        while true {
            guard try peekToken() == 0x22 else { throw JSONScanner.unexpected(position.pointee, expected: "a field name") }
            let key = try decodeStringToken(arena: &arena)
            try expect(UInt8(ascii: ":"), "':'")
            do {
                entries.append((.string(key), try decodeValue(valuePlan, arena: &arena)))
            } catch {
                throw error.prefixingPath(".\(key.string).value")
            }
            skipWhitespace()
            guard position < end else { throw .invalidJSON("unexpected end-of-input: expected close marker for OBJECT") }
            let next = position.pointee
            position += 1
            if next == UInt8(ascii: "}") { return MapValue(entries) }
            guard next == UInt8(ascii: ",") else { throw JSONScanner.unexpected(next, expected: "',' or '}'") }
        }
    }

    private mutating func decodeStruct(_ table: JSONFieldTable, arena: inout ByteArena) throws(SerdeError) -> [Value] {
        var fields = [Value](repeating: .null, count: table.count)
        try fields.withUnsafeMutableBufferPointer { (buffer) throws(SerdeError) in
            try decodeObject(table, arena: &arena) { index, value, _ in buffer[index] = value }
        }
        return fields
    }
}

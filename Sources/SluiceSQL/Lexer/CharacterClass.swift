/// Byte classes for the lexer's hot loop: one table load instead of a chain of comparisons.
enum CharacterClass {
    static let identifierStart: UInt8 = 1
    static let identifierPart: UInt8 = 2
    static let letter: UInt8 = 4
    static let digit: UInt8 = 8
    static let whitespace: UInt8 = 16

    /// Flags for each byte value. Bytes 0x80 and above are 0: the lexer decodes them as scalars.
    static let table: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        var flags: UInt8 = 0
        let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        let isDigit = byte >= 0x30 && byte <= 0x39
        if isLetter { flags |= letter | identifierStart | identifierPart }
        if isDigit { flags |= digit | identifierPart }
        if byte == UInt8(ascii: "_") { flags |= identifierStart | identifierPart }
        if byte == UInt8(ascii: "@") { flags |= identifierPart }
        // ksqlDB's WS rule is exactly [ \r\n\t]; other control characters are not whitespace.
        if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { flags |= whitespace }
        return flags
    }

    /// Decodes the scalar starting at `index`, or returns nil for a malformed sequence.
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, length: Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = (value << 6) | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value), scalar.utf8.count == length else { return nil }
        return (scalar, length)
    }

    /// Whether a non-ASCII scalar may start an unquoted identifier (a letter).
    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic
    }

    /// Whether a non-ASCII scalar may continue an unquoted identifier (a letter, mark or digit).
    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isAlphabetic { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .decimalNumber: return true
        default: return false
        }
    }
}

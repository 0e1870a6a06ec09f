import SluiceCore

/// The text encodings of bytes that TO_BYTES, FROM_BYTES, ENCODE and TO_JSON_STRING use, with
/// the quirks of the Java libraries ksqlDB calls.
package enum ByteEncodings {
    static let lowerHexDigits = Array("0123456789abcdef".utf8)
    static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    /// Two hex digits per byte.
    package static func hex(_ bytes: [UInt8], uppercase: Bool) -> String {
        let digits = uppercase ? upperHexDigits : lowerHexDigits
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Bytes from hex digits in either case; `nil` for an odd count or a non-hex character.
    package static func bytes(fromHex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Java's MIME base64 encoder (`Base64.getMimeEncoder()`): padded, with `\r\n` after every 76
    /// characters but the last.
    package static func mimeBase64(_ bytes: [UInt8]) -> String {
        let plain = bytes.withUnsafeBytes { Base64.encode($0) }
        guard plain.utf8.count > 76 else { return plain }
        var output = ""
        var line = Substring(plain)
        while line.utf8.count > 76 {
            output += line.prefix(76) + "\r\n"
            line = line.dropFirst(76)
        }
        return output + line
    }

    /// Lenient base64 decoding, as Java's MIME decoder and Apache Commons' `decodeBase64` do:
    /// characters outside the alphabet are skipped and decoding stops at the first `=`.
    package static func lenientBase64(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "=") { break }
            let value = Base64.decodeTable[Int(byte)]
            guard value >= 0 else { continue }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }

    /// `new String(bytes, US_ASCII)`: bytes above 0x7F become U+FFFD.
    package static func asciiString(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(byte < 0x80 ? Unicode.Scalar(byte) : "\u{FFFD}") }
        return String(scalars)
    }

    /// `text.getBytes(US_ASCII)`: each non-ASCII character becomes `?`.
    package static func asciiBytes(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { $0.value < 0x80 ? UInt8($0.value) : UInt8(ascii: "?") }
    }

    /// `new String(bytes, UTF_8)`: malformed sequences become U+FFFD.
    package static func utf8String(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

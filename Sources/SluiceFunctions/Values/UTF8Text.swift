import SluiceCore

/// Code-point level access to UTF-8 bytes. String functions count and index in code points
/// (ksqlDB counts UTF-16 units, which differs only for characters beyond U+FFFF).
package enum UTF8Text {
    /// Whether every byte is ASCII, so byte offsets are character offsets.
    @inlinable package static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            // Eight bytes at a time: any high bit means a multi-byte sequence.
            while index + 8 <= count {
                if base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                    return false
                }
                index += 8
            }
        }
        while index < count {
            if bytes[index] & 0x80 != 0 { return false }
            index += 1
        }
        return true
    }

    /// The number of code points (bytes that don't continue a sequence).
    package static func codePointCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The byte offset where code point `index` starts; `bytes.count` when `index` is at or past the end.
    package static func byteOffset(ofCodePoint index: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        if index <= 0 { return 0 }
        var seen = 0
        var offset = 0
        while offset < bytes.count {
            if bytes[offset] & 0xC0 != 0x80 {
                if seen == index { return offset }
                seen += 1
            }
            offset += 1
        }
        return bytes.count
    }

    /// Decodes the code point starting at `offset`; returns it and the offset after it. Malformed
    /// bytes decode as U+FFFD, one byte at a time.
    package static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (scalar: UInt32, next: Int) {
        let lead = UInt32(bytes[offset])
        if lead < 0x80 { return (lead, offset + 1) }
        let length: Int
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF:
            length = 2
            scalar = lead & 0x1F
        case 0xE0...0xEF:
            length = 3
            scalar = lead & 0x0F
        case 0xF0...0xF4:
            length = 4
            scalar = lead & 0x07
        default: return (0xFFFD, offset + 1)
        }
        guard offset + length <= bytes.count else { return (0xFFFD, offset + 1) }
        for i in 1..<length {
            let byte = UInt32(bytes[offset + i])
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, offset + 1) }
            scalar = scalar << 6 | (byte & 0x3F)
        }
        return (scalar, offset + length)
    }

    /// Appends the UTF-8 encoding of `scalar` to `output`.
    package static func append(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            output.append(UInt8(scalar))
        case ..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

extension ByteString {
    /// `withBytes` for a body that throws a `RecordError`, keeping the error's type.
    package func withBytesThrowing<R>(_ body: (UnsafeRawBufferPointer) throws(RecordError) -> R) throws(RecordError)
        -> R
    {
        let result: Result<R, RecordError> = withBytes { raw in Result { () throws(RecordError) -> R in try body(raw) }
        }
        return try result.get()
    }
}

/// Writing and reading JSON string escapes the way Jackson does: `"` and `\` and control
/// characters are escaped (`\n`, `\t`, `\r`, `\b`, `\f`, else `\u00XX` in upper-case hex);
/// everything else, including non-ASCII text, is written as is.
enum JSONEscaping {
    private static let hexDigits: StaticString = "0123456789ABCDEF"

    /// The most bytes `writeEscaped` produces for `count` input bytes.
    @inline(__always) static func maxEscapedLength(_ count: Int) -> Int { count * 6 }

    /// High bit set in each byte that needs escaping (the lowest flagged one is exact).
    @inline(__always) private static func needsEscape(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let isControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | isControl) & 0x8080_8080_8080_8080
    }

    /// Writes `bytes` escaped (without the surrounding quotes) at `out`; returns the end.
    /// The caller has made room for `maxEscapedLength(bytes.count)` bytes.
    ///
    /// Eight bytes at a time are stored before they are checked: the room reserved for escapes
    /// always covers them, and most text has nothing to escape.
    @inline(__always) static func writeEscaped(
        _ bytes: UnsafeRawBufferPointer, to out: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        guard let base = bytes.baseAddress else { return out }
        var input = base.assumingMemoryBound(to: UInt8.self)
        let end = input + bytes.count
        var output = out
        while end - input >= 8 {
            let raw = UnsafeRawPointer(input).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(output).storeBytes(of: raw, as: UInt64.self)
            let flags = needsEscape(UInt64(littleEndian: raw))
            if flags == 0 {
                input += 8
                output += 8
                continue
            }
            let clean = flags.trailingZeroBitCount >> 3
            output = writeEscape(for: input[clean], to: output + clean)
            input += clean + 1
        }
        let rest = end - input
        if rest > 0, bytes.count >= 8 {
            // The last eight input bytes, ending at `end`, in one word: the ones before `input`
            // were written already (from where they were, so the word goes `8 - rest` back
            // from `output` only when they were written unescaped, one for one) and are not checked again.
            let lastWord = UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self)
            let flags = needsEscape(UInt64(littleEndian: lastWord)) >> UInt64(8 * (8 - rest))
            if flags == 0, output - out == input - base.assumingMemoryBound(to: UInt8.self) {
                UnsafeMutableRawPointer(output - (8 - rest)).storeBytes(of: lastWord, as: UInt64.self)
                return output + rest
            }
        }
        while input < end {
            let byte = input.pointee
            if isSpecial(byte) {
                output = writeEscape(for: byte, to: output)
            } else {
                output.pointee = byte
                output += 1
            }
            input += 1
        }
        return output
    }

    @inline(__always) private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }

    private static func writeEscape(for byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        out[0] = UInt8(ascii: "\\")
        let short: UInt8
        switch byte {
        case 0x22: short = 0x22
        case 0x5C: short = 0x5C
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        default:
            out[1] = UInt8(ascii: "u")
            out[2] = 0x30
            out[3] = 0x30
            out[4] = hexDigits.utf8Start[Int(byte >> 4)]
            out[5] = hexDigits.utf8Start[Int(byte & 0xF)]
            return out + 6
        }
        out[1] = short
        return out + 2
    }

    /// Appends `bytes` escaped to an array (for building constant prefixes once).
    static func append(escaped bytes: [UInt8], to array: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { raw in
            var scratch = [UInt8](repeating: 0, count: maxEscapedLength(raw.count))
            let written = scratch.withUnsafeMutableBufferPointer { out in
                writeEscaped(raw, to: out.baseAddress!) - out.baseAddress!
            }
            array.append(contentsOf: scratch[..<written])
        }
    }

    /// Decodes the escapes of a scanned string's raw bytes into `out` (room for `raw.count`
    /// bytes suffices); returns the decoded length. Lone surrogates become U+FFFD.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableRawPointer) -> Int {
        let output = out.assumingMemoryBound(to: UInt8.self)
        var read = 0
        var written = 0
        while read < raw.count {
            let byte = raw[read]
            guard byte == 0x5C else {
                output[written] = byte
                written += 1
                read += 1
                continue
            }
            let kind = raw[read + 1]
            read += 2
            switch kind {
            case UInt8(ascii: "n"): output[written] = 0x0A
            case UInt8(ascii: "r"): output[written] = 0x0D
            case UInt8(ascii: "t"): output[written] = 0x09
            case UInt8(ascii: "b"): output[written] = 0x08
            case UInt8(ascii: "f"): output[written] = 0x0C
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, read)
                read += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    if read + 6 <= raw.count, raw[read] == 0x5C, raw[read + 1] == UInt8(ascii: "u") {
                        let low = hex4(raw, read + 2)
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            read += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    scalar = 0xFFFD
                }
                written += writeUTF8(scalar, to: output + written)
                continue
            default: output[written] = kind
            }
            written += 1
        }
        return written
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in start..<(start + 4) { value = value << 4 | (JSONScanner.hexValue(raw[index]) ?? 0) }
        return value
    }

    private static func writeUTF8(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            out[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | scalar >> 6)
            out[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | scalar >> 12)
            out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            out[0] = UInt8(0xF0 | scalar >> 18)
            out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}

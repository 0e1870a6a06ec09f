/// Standard base64 (RFC 4648 alphabet, `=` padding), how ksqlDB writes `BYTES` in JSON and
/// DELIMITED records.
enum Base64 {
    private static let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    /// 255 marks a byte outside the alphabet.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for index in 0..<64 { table[Int(alphabet.utf8Start[index])] = UInt8(index) }
        return table
    }()

    @inline(__always) static func encodedLength(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Writes the encoding of `bytes` at `out`; returns the byte count.
    static func encode(_ bytes: UnsafeRawBufferPointer, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let table = alphabet.utf8Start
        var input = 0
        var output = 0
        while input + 3 <= bytes.count {
            let chunk = UInt32(bytes[input]) << 16 | UInt32(bytes[input + 1]) << 8 | UInt32(bytes[input + 2])
            out[output] = table[Int(chunk >> 18)]
            out[output + 1] = table[Int(chunk >> 12 & 63)]
            out[output + 2] = table[Int(chunk >> 6 & 63)]
            out[output + 3] = table[Int(chunk & 63)]
            input += 3
            output += 4
        }
        let rest = bytes.count - input
        if rest > 0 {
            var chunk = UInt32(bytes[input]) << 16
            if rest == 2 { chunk |= UInt32(bytes[input + 1]) << 8 }
            out[output] = table[Int(chunk >> 18)]
            out[output + 1] = table[Int(chunk >> 12 & 63)]
            out[output + 2] = rest == 2 ? table[Int(chunk >> 6 & 63)] : UInt8(ascii: "=")
            out[output + 3] = UInt8(ascii: "=")
            output += 4
        }
        return output
    }

    /// The most bytes `decode` writes for `count` input bytes.
    @inline(__always) static func maxDecodedLength(_ count: Int) -> Int { count / 4 * 3 + 3 }

    /// Decodes `text` to `out`; returns the byte count, or `nil` when `text` is not base64.
    /// Padding may be left out, as Java's basic decoder allows.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        var end = text.count
        if end > 0, text[end - 1] == UInt8(ascii: "=") { end -= 1 }
        if end > 0, text[end - 1] == UInt8(ascii: "=") { end -= 1 }
        if end < text.count, text.count % 4 != 0 { return nil }
        var output = 0
        var accumulator: UInt32 = 0
        var pending = 0
        for index in 0..<end {
            let value = decodeTable[Int(text[index])]
            guard value != 255 else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            pending += 1
            if pending == 4 {
                out[output] = UInt8(truncatingIfNeeded: accumulator >> 16)
                out[output + 1] = UInt8(truncatingIfNeeded: accumulator >> 8)
                out[output + 2] = UInt8(truncatingIfNeeded: accumulator)
                output += 3
                pending = 0
                accumulator = 0
            }
        }
        switch pending {
        case 0: break
        case 2:
            out[output] = UInt8(truncatingIfNeeded: accumulator >> 4)
            output += 1
        case 3:
            out[output] = UInt8(truncatingIfNeeded: accumulator >> 10)
            out[output + 1] = UInt8(truncatingIfNeeded: accumulator >> 2)
            output += 2
        default:
            return nil
        }
        return output
    }
}

import SluiceCore

/// Writes `DECIMAL` values as Java's `BigDecimal` prints them.
enum DecimalText {
    /// The most bytes either form produces for `value` (sign, 39 digits, `0.`, zeros or exponent).
    @inline(__always) static func maxLength(_ value: SQLDecimal) -> Int {
        48 + Int(value.scale.magnitude)
    }

    /// `BigDecimal.toString()`: plain unless the scale is negative or the number is below 1e-6
    /// (`1E-7`, `1.50E-8`), which is how ksqlDB's JSON output writes decimals.
    static func writeJava(_ value: SQLDecimal, to out: UnsafeMutablePointer<UInt8>) -> Int {
        write(value, plainOnly: false, to: out)
    }

    /// `BigDecimal.toPlainString()`: never an exponent (ksqlDB's DELIMITED output).
    static func writePlain(_ value: SQLDecimal, to out: UnsafeMutablePointer<UInt8>) -> Int {
        write(value, plainOnly: true, to: out)
    }

    private static func write(_ value: SQLDecimal, plainOnly: Bool, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var digitStorage: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &digitStorage) { raw -> Int in
            let digits = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let unscaled = value.unscaled
            let count = IntegerText.write(unscaled.magnitude, to: digits)
            let scale = Int(value.scale)
            var length = 0
            if unscaled < 0 {
                out[0] = UInt8(ascii: "-")
                length = 1
            }
            let adjusted = count - 1 - scale
            if plainOnly || (scale >= 0 && adjusted >= -6) {
                return length + writePlainLayout(digits, count: count, scale: scale, to: out + length)
            }
            out[length] = digits[0]
            length += 1
            if count > 1 {
                out[length] = UInt8(ascii: ".")
                length += 1
                for index in 1..<count {
                    out[length] = digits[index]
                    length += 1
                }
            }
            out[length] = UInt8(ascii: "E")
            length += 1
            if adjusted >= 0 {
                out[length] = UInt8(ascii: "+")
                length += 1
            }
            return length + IntegerText.write(Int64(adjusted), to: out + length)
        }
    }

    private static func writePlainLayout(
        _ digits: UnsafeMutablePointer<UInt8>, count: Int, scale: Int, to out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var length = 0
        if scale <= 0 {
            out.update(from: digits, count: count)
            length = count
            let zeros = digits[0] == 0x30 && count == 1 ? 0 : -scale
            for _ in 0..<zeros {
                out[length] = 0x30
                length += 1
            }
            return length
        }
        if count > scale {
            let integerCount = count - scale
            out.update(from: digits, count: integerCount)
            out[integerCount] = UInt8(ascii: ".")
            (out + integerCount + 1).update(from: digits + integerCount, count: scale)
            return count + 1
        }
        out[0] = 0x30
        out[1] = UInt8(ascii: ".")
        length = 2
        for _ in 0..<(scale - count) {
            out[length] = 0x30
            length += 1
        }
        (out + length).update(from: digits, count: count)
        return length + count
    }
}

/// Writes doubles as Java's `Double.toString` does (ksqlDB's JSON and DELIMITED output use it):
/// the shortest digits that round-trip, plain for 1e-3 ≤ |d| < 1e7 (`123.0`, `0.001`), otherwise
/// `1.0E10` / `1.234E-5`; `NaN`, `Infinity`, `-Infinity`.
enum JavaDoubleText {
    /// The most bytes `write` produces (`-2.2250738585072014E-308` is 24).
    static let maxLength = 32

    /// Writes `value` at `out`; returns the byte count.
    static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if value.isNaN { return copy("NaN", to: out) }
        if value.isInfinite { return copy(value < 0 ? "-Infinity" : "Infinity", to: out) }
        if value == 0 { return copy(value.sign == .minus ? "-0.0" : "0.0", to: out) }
        var length = 0
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            length = 1
        }
        // Swift's description is already the shortest round-trip form; only the layout differs.
        var text = value.magnitude.description
        return text.withUTF8 { utf8 in
            length + layout(shortest: utf8, magnitude: value.magnitude, to: out + length)
        }
    }

    /// Re-lays Swift's `description` (`1234.5`, `1e-05`, `1.5e+20`) in Java's style.
    private static func layout(
        shortest text: UnsafeBufferPointer<UInt8>, magnitude: Double, to out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digit bytes
        return withUnsafeMutableBytes(of: &digits) { raw -> Int in
            let digit = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var count = 0
            var pointPosition = -1
            var exponent = 0
            var index = 0
            while index < text.count {
                let byte = text[index]
                if byte == UInt8(ascii: ".") {
                    pointPosition = count
                } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    exponent = parseExponent(text, from: index + 1)
                    break
                } else if count < 24 {
                    digit[count] = byte
                    count += 1
                }
                index += 1
            }
            if pointPosition < 0 { pointPosition = count }
            // value = 0.d1d2... × 10^(pointPosition + exponent); drop leading and trailing zeros.
            var first = 0
            while first < count - 1, digit[first] == 0x30 {
                first += 1
                pointPosition -= 1
            }
            while count - first > 1, digit[count - 1] == 0x30 { count -= 1 }
            let significant = UnsafeBufferPointer(start: digit + first, count: count - first)
            let firstDigitPower = pointPosition + exponent - 1
            if magnitude >= 1e-3 && magnitude < 1e7 {
                return plain(significant, firstDigitPower: firstDigitPower, to: out)
            }
            return scientific(significant, firstDigitPower: firstDigitPower, to: out)
        }
    }

    private static func plain(_ digits: UnsafeBufferPointer<UInt8>, firstDigitPower: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var length = 0
        if firstDigitPower >= 0 {
            let integerCount = firstDigitPower + 1
            for position in 0..<integerCount {
                out[length] = position < digits.count ? digits[position] : 0x30
                length += 1
            }
            out[length] = UInt8(ascii: ".")
            length += 1
            if integerCount < digits.count {
                for position in integerCount..<digits.count {
                    out[length] = digits[position]
                    length += 1
                }
            } else {
                out[length] = 0x30
                length += 1
            }
            return length
        }
        out[0] = 0x30
        out[1] = UInt8(ascii: ".")
        length = 2
        for _ in 0..<(-firstDigitPower - 1) {
            out[length] = 0x30
            length += 1
        }
        for byte in digits {
            out[length] = byte
            length += 1
        }
        return length
    }

    private static func scientific(_ digits: UnsafeBufferPointer<UInt8>, firstDigitPower: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = digits[0]
        out[1] = UInt8(ascii: ".")
        var length = 2
        if digits.count > 1 {
            for position in 1..<digits.count {
                out[length] = digits[position]
                length += 1
            }
        } else {
            out[length] = 0x30
            length += 1
        }
        out[length] = UInt8(ascii: "E")
        length += 1
        return length + IntegerText.write(Int64(firstDigitPower), to: out + length)
    }

    private static func parseExponent(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var negative = false
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        var value = 0
        while index < text.count {
            value = value * 10 + Int(text[index] &- 0x30)
            index += 1
        }
        return negative ? -value : value
    }

    private static func copy(_ literal: StaticString, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out.update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        return literal.utf8CodeUnitCount
    }
}

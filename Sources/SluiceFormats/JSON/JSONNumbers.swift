/// Conversions of JSON number tokens with the results Jackson's nodes give ksqlDB: integers that
/// fit are exact, wider ones keep their low bits (`BigInteger.longValue()`), and fractions are
/// truncated toward zero (`BigDecimal.longValue()`).
enum JSONNumbers {
    /// `IntNode`, `LongNode` or `BigIntegerNode`, by the size of an integer token.
    static func integerKind(_ token: JSONScanner.NumberToken) -> JSONNodeKind {
        guard let value = exactInt64(token) else { return .bigInteger }
        return Int32(exactly: value) != nil ? .integer : .long
    }

    /// The value of an integer token that fits in 64 bits.
    @inline(__always) static func exactInt64(_ token: JSONScanner.NumberToken) -> Int64? {
        var position = token.start
        let end = token.start + token.count
        let negative = position.pointee == UInt8(ascii: "-")
        if negative { position += 1 }
        let digits = end - position
        if digits <= 18 {
            var value: Int64 = 0
            while position < end {
                value = value &* 10 &+ Int64(position.pointee &- 0x30)
                position += 1
            }
            return negative ? -value : value
        }
        var magnitude: UInt64 = 0
        while position < end {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(position.pointee &- 0x30))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
            position += 1
        }
        if negative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return Int64(exactly: magnitude)
    }

    /// `NumericNode.longValue()`: the integer part of any number token, modulo 2^64.
    @inline(__always) static func wrappingInt64(_ token: JSONScanner.NumberToken) -> Int64 {
        if token.isInteger, let exact = exactInt64(token) { return exact }
        return truncatedWrapping(token.text)
    }

    private static func truncatedWrapping(_ text: UnsafeBufferPointer<UInt8>) -> Int64 {
        var index = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var digitsStart = index
        var integerDigits = 0
        var seenPoint = false
        var digitCount = 0
        while index < text.count, text[index] | 0x20 != UInt8(ascii: "e") {
            if text[index] == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digitCount += 1
                if !seenPoint { integerDigits += 1 }
            }
            index += 1
        }
        var exponent = 0
        if index < text.count {
            index += 1
            var exponentNegative = false
            if text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < text.count {
                exponent = min(exponent * 10 + Int(text[index] &- 0x30), 1_000_000_000)
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        let wholeDigits = integerDigits + exponent
        guard wholeDigits > 0 else { return 0 }
        var value: UInt64 = 0
        var taken = 0
        while taken < min(wholeDigits, digitCount) {
            if text[digitsStart] == UInt8(ascii: ".") { digitsStart += 1 }
            value = value &* 10 &+ UInt64(text[digitsStart] &- 0x30)
            digitsStart += 1
            taken += 1
        }
        // Past 64 more factors of ten (each a factor of two), the low 64 bits are all zero.
        for _ in 0..<min(wholeDigits - taken, 64) { value = value &* 10 }
        let result = Int64(bitPattern: value)
        return negative ? 0 &- result : result
    }

    /// `NumericNode.doubleValue()`: the nearest double.
    @inline(__always) static func double(_ token: JSONScanner.NumberToken) -> Double {
        if token.isInteger, token.count <= 16, let exact = exactInt64(token) { return Double(exact) }
        return JavaNumberParsing.correctlyRounded(token.text)
    }
}

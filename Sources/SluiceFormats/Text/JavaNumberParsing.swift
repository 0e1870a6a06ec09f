/// Number parsing with the rules of the Java methods ksqlDB's serdes call (`Integer.parseInt`,
/// `Long.parseLong`, `Double.parseDouble`, `new BigDecimal(String)`), on raw bytes.
enum JavaNumberParsing {
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// `Integer.parseInt`: an optional sign and decimal digits, in range; no spaces.
    static func parseInt32(_ text: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let value = parseInt64(text) else { return nil }
        return Int32(exactly: value)
    }

    /// `Long.parseLong`: an optional sign and decimal digits, in range; no spaces.
    static func parseInt64(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !text.isEmpty else { return nil }
        var index = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < text.count else { return nil }
        var magnitude: UInt64 = 0
        while index < text.count {
            let digit = text[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        return Int64(exactly: magnitude)
    }

    /// `Double.parseDouble`: trims bytes ≤ space, accepts `NaN`, `Infinity`, a decimal or hex
    /// float with an optional sign and an optional `f`/`d` suffix.
    static func parseDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0
        var end = text.count
        while start < end, text[start] <= 0x20 { start += 1 }
        while end > start, text[end - 1] <= 0x20 { end -= 1 }
        guard start < end else { return nil }
        var body = UnsafeBufferPointer(rebasing: text[start..<end])
        var negative = false
        if body[0] == UInt8(ascii: "-") || body[0] == UInt8(ascii: "+") {
            negative = body[0] == UInt8(ascii: "-")
            body = UnsafeBufferPointer(rebasing: body[1...])
        }
        if equals(body, "NaN") { return .nan }
        if equals(body, "Infinity") { return negative ? -.infinity : .infinity }
        if let last = body.last, "fFdD".utf8.contains(last) {
            body = UnsafeBufferPointer(rebasing: body[..<(body.count - 1)])
        }
        let magnitude: Double
        if body.count > 2, body[0] == 0x30, body[1] | 0x20 == UInt8(ascii: "x") {
            guard isHexFloat(UnsafeBufferPointer(rebasing: body[2...])),
                let parsed = Double(String(decoding: body, as: UTF8.self))
            else { return nil }
            magnitude = parsed
        } else {
            guard isDecimalFloat(body) else { return nil }
            magnitude = correctlyRounded(body)
        }
        return negative ? -magnitude : magnitude
    }

    /// Digits with an optional `.` (at least one digit) and an optional exponent; no sign.
    static func isDecimalFloat(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var digits = 0
        while index < text.count, isDigit(text[index]) { index += 1; digits += 1 }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            while index < text.count, isDigit(text[index]) { index += 1; digits += 1 }
        }
        guard digits > 0 else { return false }
        if index < text.count, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") { index += 1 }
            let exponentStart = index
            while index < text.count, isDigit(text[index]) { index += 1 }
            guard index > exponentStart else { return false }
        }
        return index == text.count
    }

    /// Java's hex float after `0x`: hex digits with an optional point, then a mandatory `p` exponent.
    private static func isHexFloat(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var digits = 0
        func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66) }
        while index < text.count, isHex(text[index]) { index += 1; digits += 1 }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            while index < text.count, isHex(text[index]) { index += 1; digits += 1 }
        }
        guard digits > 0, index < text.count, text[index] | 0x20 == UInt8(ascii: "p") else { return false }
        index += 1
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") { index += 1 }
        let exponentStart = index
        while index < text.count, isDigit(text[index]) { index += 1 }
        return index > exponentStart && index == text.count
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }

    /// The double nearest to a well-formed decimal number text (optional `-`, digits, `.`,
    /// exponent), as `BigDecimal.doubleValue()` gives it.
    static func correctlyRounded(_ text: UnsafeBufferPointer<UInt8>) -> Double {
        var index = 0
        var negative = false
        if index < text.count, text[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        // Clinger's fast path: at most 15 significant digits and a power of ten up to 22 are exact.
        var mantissa: UInt64 = 0
        var significant = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < text.count {
            let byte = text[index]
            if isDigit(byte) {
                if mantissa != 0 || byte != 0x30 { significant += 1 }
                if significant > 15 { return slowParse(text) }
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        var exponent = 0
        if index < text.count {
            index += 1
            var exponentNegative = false
            if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < text.count {
                exponent = exponent * 10 + Int(text[index] &- 0x30)
                if exponent > 400 { return slowParse(text) }
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        let power = exponent - fractionDigits
        var value = Double(mantissa)
        if mantissa == 0 {
            value = 0
        } else if power >= 0 && power <= 22 {
            value *= exactPowersOfTen[power]
        } else if power < 0 && power >= -22 {
            value /= exactPowersOfTen[-power]
        } else {
            return slowParse(text)
        }
        return negative ? -value : value
    }

    private static func slowParse(_ text: UnsafeBufferPointer<UInt8>) -> Double {
        Double(String(decoding: text, as: UTF8.self)) ?? .nan
    }

    private static func equals(_ text: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard text.count == literal.utf8CodeUnitCount else { return false }
        for index in 0..<text.count where text[index] != literal.utf8Start[index] { return false }
        return true
    }
}

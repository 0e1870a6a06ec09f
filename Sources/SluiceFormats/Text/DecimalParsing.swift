import SluiceCore

/// A number read exactly as Java's `new BigDecimal(String)` reads it: `magnitude × 10^dropped`
/// is the unscaled value and `scale` its scale. Up to 38 significant digits are kept; digits beyond
/// are counted in `dropped` and, when any of them is not zero, `inexact` is set.
struct ParsedDecimal {
    var negative = false
    var magnitude: UInt128 = 0
    /// `BigDecimal.precision()`: digits of the unscaled value, leading zeros excluded (1 for zero).
    var precision = 0
    /// `BigDecimal.scale()`.
    var scale = 0
    var dropped = 0
    var inexact = false

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]` with at least one digit; `nil` otherwise.
    init?(_ text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        var sawDigit = false
        var sawPoint = false
        var fractionDigits = 0
        let limit = UInt128(SQLDecimal.powerOfTen(37)!)
        while index < text.count {
            let byte = text[index]
            if JavaNumberParsing.isDigit(byte) {
                sawDigit = true
                if sawPoint { fractionDigits += 1 }
                let digit = UInt128(byte &- 0x30)
                if magnitude == 0 && digit == 0 {
                    // Leading zeros do not count toward precision.
                } else if dropped == 0 && magnitude < limit {
                    magnitude = magnitude * 10 + digit
                    precision += 1
                } else {
                    dropped += 1
                    precision += 1
                    if digit != 0 { inexact = true }
                }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if index < text.count {
            guard text[index] | 0x20 == UInt8(ascii: "e") else { return nil }
            index += 1
            var exponentNegative = false
            if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < text.count, JavaNumberParsing.isDigit(text[index]) {
                exponent = exponent * 10 + Int(text[index] &- 0x30)
                guard exponent < 1_000_000_000 else { return nil }
                index += 1
            }
            guard index > exponentStart, index == text.count else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        if precision == 0 { precision = 1 }
        scale = fractionDigits - exponent
    }

    var isZero: Bool { magnitude == 0 && !inexact }

    /// `BigDecimal.toPlainString()` of the parsed value (the text of error messages).
    var plainText: String {
        var digits = magnitude == 0 ? "0" : String(magnitude) + String(repeating: "0", count: min(dropped, 1000))
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        } else if scale < 0, magnitude != 0 {
            digits += String(repeating: "0", count: min(-scale, 1000))
        }
        return (negative && !isZero ? "-" : "") + digits
    }

    /// ksqlDB's `DecimalUtil.ensureFit`: the value at `scale` digits after the point, if it has at
    /// most `precision - scale` digits before the point and loses no digit to the rescaling.
    func fitted(precision targetPrecision: Int, scale targetScale: Int) throws(SerdeError) -> SQLDecimal {
        if isZero { return SQLDecimal(unscaled: 0, scale: targetScale) }
        let integerDigits = precision - scale
        guard integerDigits <= targetPrecision - targetScale else {
            throw SerdeError(
                "Numeric field overflow: A field with precision \(targetPrecision) and scale \(targetScale) "
                    + "must round to an absolute value less than 10^\(targetPrecision - targetScale). Got \(plainText)")
        }
        let tooPrecise = SerdeError(
            "Cannot fit decimal '\(plainText)' into DECIMAL(\(targetPrecision), \(targetScale)) without rounding. "
                + "(Requires \(precision),\(scale))")
        guard !inexact else { throw tooPrecise }
        // value = magnitude × 10^-(scale - dropped)
        let effectiveScale = scale - dropped
        var result = magnitude
        if effectiveScale > targetScale {
            let drop = effectiveScale - targetScale
            guard drop <= 38, let divisor = SQLDecimal.powerOfTen(drop).map(UInt128.init) else { throw tooPrecise }
            let (quotient, remainder) = result.quotientAndRemainder(dividingBy: divisor)
            guard remainder == 0 else { throw tooPrecise }
            result = quotient
        } else if effectiveScale < targetScale {
            guard let factor = SQLDecimal.powerOfTen(targetScale - effectiveScale).map(UInt128.init) else { throw tooPrecise }
            let (product, overflow) = result.multipliedReportingOverflow(by: factor)
            guard !overflow, product < UInt128(Int128.max) else { throw tooPrecise }
            result = product
        }
        let signed = Int128(result)
        return SQLDecimal(unscaled: negative ? -signed : signed, scale: targetScale)
    }
}

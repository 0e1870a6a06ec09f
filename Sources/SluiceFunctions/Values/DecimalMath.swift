import SluiceCore

/// How a decimal drops digits, as Java's `RoundingMode`.
package enum DecimalRounding: Sendable {
    /// Round half away from zero.
    case halfUp
    /// Round half toward zero.
    case halfDown
    /// Truncate toward zero.
    case down
    /// Toward negative infinity.
    case floor
    /// Toward positive infinity.
    case ceiling
}

/// Decimal arithmetic with BigDecimal's results, on 128-bit unscaled values.
///
/// ksqlDB computes `a op b` with a `MathContext` of the result precision and rounding mode
/// `UNNECESSARY`, then sets the result scale: an exact result that needs more digits, or more
/// fraction digits, than the result type is an error ("Rounding necessary"), never rounded.
package enum DecimalMath {
    /// 10^0 ... 10^38.
    package static let powersOfTen: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 1...38 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// 10^n for 0 ≤ n ≤ 38, otherwise `nil`.
    @inlinable package static func pow10(_ n: Int) -> Int128? {
        n >= 0 && n <= 38 ? powersOfTen[n] : nil
    }

    /// Decimal digits of a magnitude (at least 1).
    package static func digitCount(_ magnitude: UInt128) -> Int {
        var digits = 1
        while digits <= 38, magnitude >= UInt128(powersOfTen[digits]) { digits += 1 }
        return digits
    }

    /// Whether the value has fewer than `precision` integral-and-fraction digits at its scale.
    @inlinable package static func fits(_ value: SQLDecimal, precision: Int) -> Bool {
        guard let limit = pow10(precision) else { return true }
        return value.unscaled.magnitude < limit.magnitude
    }

    /// The value at `scale`, or `nil` when that needs rounding or overflows.
    package static func rescaleExactly(_ value: SQLDecimal, to scale: Int) -> SQLDecimal? {
        let difference = scale - Int(value.scale)
        if difference == 0 { return value }
        if difference > 0 {
            guard let factor = pow10(difference) else {
                return value.isZero ? SQLDecimal(unscaled: 0, scale: scale) : nil
            }
            let (product, overflow) = value.unscaled.multipliedReportingOverflow(by: factor)
            return overflow ? nil : SQLDecimal(unscaled: product, scale: scale)
        }
        guard let factor = pow10(-difference) else { return value.isZero ? SQLDecimal(unscaled: 0, scale: scale) : nil }
        let (quotient, remainder) = value.unscaled.quotientAndRemainder(dividingBy: factor)
        return remainder == 0 ? SQLDecimal(unscaled: quotient, scale: scale) : nil
    }

    /// The value at `scale` (which may be negative), rounding as `mode` says; `nil` on overflow.
    package static func round(_ value: SQLDecimal, to scale: Int, _ mode: DecimalRounding) -> SQLDecimal? {
        let difference = Int(value.scale) - scale
        if difference <= 0 { return rescaleExactly(value, to: scale) }
        let unscaled = value.unscaled
        guard let factor = pow10(difference) else {
            // More than 38 digits drop: |value| < 1 unit of the new scale, and below half of it.
            let sign = unscaled.signum()
            let up: Bool
            switch mode {
            case .halfUp, .halfDown, .down: up = false
            case .floor: up = sign < 0
            case .ceiling: up = sign > 0
            }
            return SQLDecimal(unscaled: up ? Int128(sign) : 0, scale: scale)
        }
        let (quotient, remainder) = unscaled.quotientAndRemainder(dividingBy: factor)
        if remainder == 0 { return SQLDecimal(unscaled: quotient, scale: scale) }
        let twice = remainder.magnitude * 2
        let away: Bool
        switch mode {
        case .halfUp: away = twice >= factor.magnitude
        case .halfDown: away = twice > factor.magnitude
        case .down: away = false
        case .floor: away = remainder < 0
        case .ceiling: away = remainder > 0
        }
        return SQLDecimal(unscaled: away ? quotient + Int128(remainder.signum()) : quotient, scale: scale)
    }

    package static func fitting(_ value: SQLDecimal, precision: Int, scale: Int) throws(RecordError) -> SQLDecimal {
        guard let result = rescaleExactly(value, to: scale) else { throw RecordError("Rounding necessary") }
        guard fits(result, precision: precision) else { throw overflow(precision: precision, scale: scale) }
        return result
    }

    package static func overflow(precision: Int, scale: Int) -> RecordError {
        RecordError("Numeric field overflow: the result does not fit DECIMAL(\(precision), \(scale))")
    }

    static func aligned(_ a: SQLDecimal, _ b: SQLDecimal, precision: Int, scale: Int) throws(RecordError) -> (
        Int128, Int128, Int
    ) {
        let common = max(Int(a.scale), Int(b.scale))
        guard let x = rescaleExactly(a, to: common), let y = rescaleExactly(b, to: common) else {
            throw overflow(precision: precision, scale: scale)
        }
        return (x.unscaled, y.unscaled, common)
    }

    /// `a + b` as DECIMAL(precision, scale).
    package static func add(_ a: SQLDecimal, _ b: SQLDecimal, precision: Int, scale: Int) throws(RecordError)
        -> SQLDecimal
    {
        let (x, y, common) = try aligned(a, b, precision: precision, scale: scale)
        let (sum, overflowed) = x.addingReportingOverflow(y)
        if overflowed { throw overflow(precision: precision, scale: scale) }
        return try fitting(SQLDecimal(unscaled: sum, scale: common), precision: precision, scale: scale)
    }

    /// `a - b` as DECIMAL(precision, scale).
    package static func subtract(_ a: SQLDecimal, _ b: SQLDecimal, precision: Int, scale: Int) throws(RecordError)
        -> SQLDecimal
    {
        let (x, y, common) = try aligned(a, b, precision: precision, scale: scale)
        let (difference, overflowed) = x.subtractingReportingOverflow(y)
        if overflowed { throw overflow(precision: precision, scale: scale) }
        return try fitting(SQLDecimal(unscaled: difference, scale: common), precision: precision, scale: scale)
    }

    /// `a * b` as DECIMAL(precision, scale).
    package static func multiply(_ a: SQLDecimal, _ b: SQLDecimal, precision: Int, scale: Int) throws(RecordError)
        -> SQLDecimal
    {
        let (product, overflowed) = a.unscaled.multipliedReportingOverflow(by: b.unscaled)
        if overflowed { throw overflow(precision: precision, scale: scale) }
        return try fitting(
            SQLDecimal(unscaled: product, scale: Int(a.scale) + Int(b.scale)), precision: precision, scale: scale)
    }

    /// `a / b` as DECIMAL(precision, scale); the quotient must be exact at `scale`.
    package static func divide(_ a: SQLDecimal, _ b: SQLDecimal, precision: Int, scale: Int) throws(RecordError)
        -> SQLDecimal
    {
        if b.isZero { throw RecordError(a.isZero ? "Division undefined" : "Division by zero") }
        // a / b at `scale` is (ua * 10^(scale - sa + sb)) / ub.
        let shift = scale - Int(a.scale) + Int(b.scale)
        var numerator = a.unscaled
        var denominator = b.unscaled
        if shift >= 0 {
            guard let factor = pow10(shift) else { throw overflow(precision: precision, scale: scale) }
            let (product, overflowed) = numerator.multipliedReportingOverflow(by: factor)
            if overflowed { throw overflow(precision: precision, scale: scale) }
            numerator = product
        } else {
            guard let factor = pow10(-shift) else { throw RecordError("Rounding necessary") }
            let (product, overflowed) = denominator.multipliedReportingOverflow(by: factor)
            if overflowed { throw RecordError("Rounding necessary") }
            denominator = product
        }
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        if remainder != 0 { throw RecordError("Rounding necessary") }
        let result = SQLDecimal(unscaled: quotient, scale: scale)
        guard fits(result, precision: precision) else { throw overflow(precision: precision, scale: scale) }
        return result
    }

    /// `a % b` as DECIMAL(precision, scale): the remainder of truncating division, with the
    /// dividend's sign (BigDecimal's `remainder`).
    package static func remainder(_ a: SQLDecimal, _ b: SQLDecimal, precision: Int, scale: Int) throws(RecordError)
        -> SQLDecimal
    {
        if b.isZero { throw RecordError(a.isZero ? "Division undefined" : "Division by zero") }
        let (x, y, common) = try aligned(a, b, precision: precision, scale: scale)
        let (quotient, remainder) = x.quotientAndRemainder(dividingBy: y)
        if digitCount(quotient.magnitude) > precision { throw RecordError("Division impossible") }
        return try fitting(SQLDecimal(unscaled: remainder, scale: common), precision: precision, scale: scale)
    }

    /// `-a`.
    package static func negate(_ a: SQLDecimal) -> SQLDecimal {
        SQLDecimal(unscaled: 0 &- a.unscaled, scale: Int(a.scale))
    }

    /// Java's `BigDecimal.toString()`: plain digits, or scientific notation when the scale is
    /// negative or the value is below 10^-6 (`1E-7`, `1.23E+5`).
    package static func javaString(_ value: SQLDecimal) -> String {
        let digits = String(value.unscaled.magnitude)
        let scale = Int(value.scale)
        let adjusted = digits.count - 1 - scale
        if scale >= 0, adjusted >= -6 { return value.description }
        var text = value.unscaled < 0 ? "-" : ""
        text += String(digits.prefix(1))
        if digits.count > 1 { text += "." + digits.dropFirst() }
        text += "E" + (adjusted >= 0 ? "+" : "") + String(adjusted)
        return text
    }
}

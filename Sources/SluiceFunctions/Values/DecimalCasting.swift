import SluiceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversions to DECIMAL(precision, scale) with ksqlDB's `DecimalUtil.cast` semantics: the value
/// must be below 10^(precision - scale) in magnitude, else "Numeric field overflow"; digits beyond
/// the scale round HALF_UP.
package enum DecimalCasting {
    package static func overflow(precision: Int, scale: Int, got text: String) -> RecordError {
        RecordError(
            "Numeric field overflow: A field with precision \(precision) and scale \(scale) "
                + "must round to an absolute value less than 10^\(precision - scale). Got \(text)")
    }

    /// ksqlDB's `ensureMax`: |value| < 10^(precision - scale).
    static func isBelowMax(_ value: SQLDecimal, precision: Int, scale: Int) -> Bool {
        let exponent = precision - scale + Int(value.scale)
        if exponent < 0 { return value.isZero }
        guard let limit = DecimalMath.pow10(exponent) else { return true }
        return value.unscaled.magnitude < limit.magnitude
    }

    /// An INTEGER or BIGINT as DECIMAL(precision, scale).
    package static func fromInteger(_ value: Int64, precision: Int, scale: Int) throws(RecordError) -> SQLDecimal {
        let decimal = SQLDecimal(unscaled: Int128(value), scale: 0)
        guard isBelowMax(decimal, precision: precision, scale: scale) else {
            // Java first rounds the long to `precision` digits, and reports that value.
            let digits = DecimalMath.digitCount(Int128(value).magnitude)
            let rounded = DecimalMath.round(decimal, to: min(0, precision - digits), .halfUp) ?? decimal
            throw overflow(
                precision: precision, scale: scale,
                got: DecimalMath.rescaleExactly(rounded, to: 0)?.description ?? rounded.description)
        }
        guard let factor = DecimalMath.pow10(scale) else {
            throw overflow(precision: precision, scale: scale, got: String(value))
        }
        return SQLDecimal(unscaled: Int128(value) * factor, scale: scale)
    }

    /// A DECIMAL as DECIMAL(precision, scale); a value already of that shape is returned as is.
    package static func fromDecimal(_ value: SQLDecimal, precision: Int, scale: Int) throws(RecordError) -> SQLDecimal {
        if Int(value.scale) == scale, value.precision == precision { return value }
        guard isBelowMax(value, precision: precision, scale: scale) else {
            throw overflow(precision: precision, scale: scale, got: value.description)
        }
        guard let result = DecimalMath.round(value, to: scale, .halfUp) else {
            throw overflow(precision: precision, scale: scale, got: value.description)
        }
        return result
    }

    /// Decimal text (`-12.5`, `1.5E-2`), or `nil`. Exponents beyond ±400 are refused before
    /// parsing: every value they can write either overflows 38 digits or rounds to zero, and
    /// expanding them digit by digit would cost time and memory proportional to the exponent.
    package static func parse(_ text: String) -> SQLDecimal? {
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let exponent = Int(text[text.index(after: e)...]), abs(exponent) <= 400 else { return nil }
        }
        return SQLDecimal(text)
    }

    /// Text (trimmed, as `new BigDecimal(text.trim())` reads it) as DECIMAL(precision, scale).
    package static func fromString(_ text: String, precision: Int, scale: Int) throws(RecordError) -> SQLDecimal {
        guard let value = parse(JavaText.trim(text)) else {
            throw RecordError("Cannot convert '\(text)' to DECIMAL(\(precision), \(scale))")
        }
        guard isBelowMax(value, precision: precision, scale: scale) else {
            throw overflow(precision: precision, scale: scale, got: value.description)
        }
        guard let result = DecimalMath.round(value, to: scale, .halfUp) else {
            throw overflow(precision: precision, scale: scale, got: value.description)
        }
        return result
    }

    /// A DOUBLE as DECIMAL(precision, scale): Java's `new BigDecimal(d, new MathContext(precision))`
    /// (the exact binary value rounded HALF_UP to `precision` significant digits), then the
    /// overflow check, then HALF_UP to `scale`.
    package static func fromDouble(_ value: Double, precision: Int, scale: Int) throws(RecordError) -> SQLDecimal {
        guard value.isFinite else { throw RecordError("Infinite or NaN") }
        let rounded = significantDigits(of: value, count: precision)
        guard isBelowMax(rounded, precision: precision, scale: scale) else {
            throw overflow(precision: precision, scale: scale, got: rounded.description)
        }
        guard let result = DecimalMath.round(rounded, to: scale, .halfUp) else {
            throw overflow(precision: precision, scale: scale, got: rounded.description)
        }
        return result
    }

    /// The exact value of `value` rounded HALF_UP to `count` (≤ 38) significant digits.
    static func significantDigits(of value: Double, count: Int) -> SQLDecimal {
        if value == 0 { return SQLDecimal(unscaled: 0, scale: 0) }
        // glibc prints the exact binary value; 767 fraction digits cover every double.
        let capacity = 800
        var buffer = [CChar](repeating: 0, count: capacity)
        let written = withVaList([Int32(770), value.magnitude]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, capacity, "%.*e", arguments) }
        }
        let text = Array(buffer.prefix(Int(max(0, min(written, Int32(capacity - 1))))).map { UInt8(bitPattern: $0) })
        guard let e = text.firstIndex(of: UInt8(ascii: "e")) else { return SQLDecimal(unscaled: 0, scale: 0) }
        var digits = text[..<e].filter { $0 != UInt8(ascii: ".") }.map { Int($0) - 0x30 }
        let exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        var kept = Array(digits.prefix(count))
        var pointExponent = exponent
        if digits.count > count, digits[count] >= 5 {
            var index = kept.count - 1
            while index >= 0 {
                if kept[index] == 9 {
                    kept[index] = 0
                    index -= 1
                } else {
                    kept[index] += 1
                    break
                }
            }
            if index < 0 {
                kept.insert(1, at: 0)
                kept.removeLast()
                pointExponent += 1
            }
        }
        var unscaled: Int128 = 0
        for digit in kept { unscaled = unscaled * 10 + Int128(digit) }
        let scale = kept.count - 1 - pointExponent
        return SQLDecimal(unscaled: value < 0 ? -unscaled : unscaled, scale: scale)
    }

    /// BigDecimal's `intValue()`/`longValue()`: truncate toward zero, keep the low 64 bits.
    package static func truncatedBits(_ value: SQLDecimal) -> Int64 {
        let scale = Int(value.scale)
        if scale >= 0 {
            guard let factor = DecimalMath.pow10(scale) else { return 0 }
            return Int64(truncatingIfNeeded: value.unscaled / factor)
        }
        var result = value.unscaled
        for _ in 0..<(-scale) { result = result &* 10 }
        return Int64(truncatingIfNeeded: result)
    }
}

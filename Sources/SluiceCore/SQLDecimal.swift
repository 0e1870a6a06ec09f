/// A `DECIMAL` value: an unscaled 128-bit integer and a scale (`unscaled × 10^-scale`).
///
/// The value keeps its scale, so `1.10` and `1.1` print differently as in ksqlDB; the column's
/// precision lives in its `SQLType`. Stored as two words so a `Value` stays 24 bytes.
public struct SQLDecimal: Sendable {
    private var high: Int64
    private var low: UInt64
    public private(set) var scale: Int16

    public init(unscaled: Int128, scale: Int) {
        self.high = Int64(truncatingIfNeeded: unscaled >> 64)
        self.low = UInt64(truncatingIfNeeded: unscaled)
        self.scale = Int16(scale)
    }

    /// The unscaled integer.
    public var unscaled: Int128 { (Int128(high) << 64) | Int128(low) }

    public static func powerOfTen(_ exponent: Int) -> Int128? {
        guard exponent >= 0, exponent <= 38 else { return nil }
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// Number of decimal digits of the unscaled value (at least 1), as Java's `BigDecimal.precision()`.
    public var precision: Int {
        var magnitude = unscaled.magnitude
        var digits = 1
        while magnitude >= 10 {
            magnitude /= 10
            digits += 1
        }
        return digits
    }

    public var isZero: Bool { high == 0 && low == 0 }

    public var signum: Int { unscaled < 0 ? -1 : (isZero ? 0 : 1) }

    /// Parses `-12.345`, `+1`, `.5`, `1e3` and `1.5E-2` exactly. Returns `nil` for anything else or when
    /// the unscaled value does not fit in 38 digits.
    public init?(_ text: String) {
        var digits: [UInt8] = []
        var negative = false
        var scale = 0
        var seenPoint = false
        var exponent = 0
        var bytes = Array(text.utf8)[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var sawDigit = false
        while let byte = bytes.first {
            if byte >= 0x30 && byte <= 0x39 {
                digits.append(byte - 0x30)
                sawDigit = true
                if seenPoint { scale += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard let value = Int(String(decoding: bytes.dropFirst(), as: UTF8.self)) else { return nil }
                exponent = value
                bytes = bytes[bytes.endIndex...]
                break
            } else {
                return nil
            }
            bytes = bytes.dropFirst()
        }
        guard sawDigit else { return nil }
        scale -= exponent
        while scale < 0 {
            digits.append(0)
            scale += 1
        }
        // Leading zeros don't count toward the 38-digit limit.
        while digits.count > 1, digits.first == 0 { digits.removeFirst() }
        guard digits.count <= 38 else { return nil }
        var value: Int128 = 0
        for digit in digits { value = value * 10 + Int128(digit) }
        self.init(unscaled: negative ? -value : value, scale: scale)
    }

    /// The same number at `newScale`, rounding half away from zero (Java's `HALF_UP`) when digits drop.
    /// Returns `nil` when the result does not fit in 128 bits.
    public func rescaled(to newScale: Int) -> SQLDecimal? {
        let difference = newScale - Int(scale)
        if difference == 0 { return self }
        if difference > 0 {
            guard let factor = SQLDecimal.powerOfTen(difference) else { return nil }
            let (product, overflow) = unscaled.multipliedReportingOverflow(by: factor)
            return overflow ? nil : SQLDecimal(unscaled: product, scale: newScale)
        }
        guard let factor = SQLDecimal.powerOfTen(-difference) else {
            return SQLDecimal(unscaled: 0, scale: newScale)
        }
        let (quotient, remainder) = unscaled.quotientAndRemainder(dividingBy: factor)
        var result = quotient
        if remainder.magnitude * 2 >= factor.magnitude { result += unscaled < 0 ? -1 : 1 }
        return SQLDecimal(unscaled: result, scale: newScale)
    }

    /// Whether the value fits `DECIMAL(precision, scale)` once rescaled to `scale`.
    public func fits(precision: Int, scale: Int) -> Bool {
        guard let rescaled = rescaled(to: scale) else { return false }
        guard let limit = SQLDecimal.powerOfTen(precision) else { return true }
        return rescaled.unscaled.magnitude < limit.magnitude
    }

    public var doubleValue: Double {
        // Exact for up to 15-17 digits; wider values go through the text form for correct rounding.
        if unscaled.magnitude < (1 << 53), scale >= 0, scale <= 22 {
            return Double(unscaled) / pow10(Int(scale))
        }
        return Double(description) ?? .nan
    }

    private func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}

extension SQLDecimal: Comparable, Hashable {
    /// Numeric comparison across scales (`1.10 == 1.1`).
    public static func == (lhs: SQLDecimal, rhs: SQLDecimal) -> Bool { compare(lhs, rhs) == 0 }

    public static func < (lhs: SQLDecimal, rhs: SQLDecimal) -> Bool { compare(lhs, rhs) < 0 }

    public static func compare(_ lhs: SQLDecimal, _ rhs: SQLDecimal) -> Int {
        let scale = max(Int(lhs.scale), Int(rhs.scale))
        if let a = lhs.rescaled(to: scale), let b = rhs.rescaled(to: scale) {
            return a.unscaled < b.unscaled ? -1 : (a.unscaled == b.unscaled ? 0 : 1)
        }
        let a = lhs.doubleValue
        let b = rhs.doubleValue
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    public func hash(into hasher: inout Hasher) {
        // Equal values at different scales must hash alike: strip trailing zeros first.
        var value = unscaled
        var scale = Int(self.scale)
        while scale > 0, value % 10 == 0 {
            value /= 10
            scale -= 1
        }
        hasher.combine(value)
        hasher.combine(scale)
    }

    /// Exact equality including scale (`1.10 != 1.1`), as ksqlDB's test comparator wants it.
    public func isIdentical(to other: SQLDecimal) -> Bool {
        scale == other.scale && unscaled == other.unscaled
    }
}

extension SQLDecimal: CustomStringConvertible {
    /// Plain notation with exactly `scale` fraction digits, as Java's `BigDecimal.toPlainString()`.
    public var description: String {
        let negative = unscaled < 0
        var digits = String(unscaled.magnitude)
        let scale = Int(self.scale)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        } else if scale < 0 {
            digits += String(repeating: "0", count: -scale)
        }
        return negative ? "-" + digits : digits
    }
}

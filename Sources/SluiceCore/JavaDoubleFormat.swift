/// Text forms of doubles as the JVM writes them, because ksqlDB's output (DELIMITED values,
/// `CAST(d AS STRING)`, JSON) is produced by `Double.toString`.
public enum JavaDoubleFormat {
    /// `Double.toString`: shortest round-trip digits; plain notation for 1e-3 ≤ |d| < 1e7
    /// (`123.0`, `0.001`), otherwise `1.0E10` / `1.234E-5`.
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (digits, exponent) = shortestDigits(value.magnitude)
        let sign = value < 0 ? "-" : ""
        // `exponent` is the power of ten of the first digit: value = 0.d1d2... × 10^(exponent+1).
        let magnitude = value.magnitude
        if magnitude >= 1e-3 && magnitude < 1e7 {
            if exponent >= 0 {
                let intCount = exponent + 1
                let intPart = intCount <= digits.count
                    ? String(digits.prefix(intCount))
                    : digits + String(repeating: "0", count: intCount - digits.count)
                let fracDigits = intCount < digits.count ? String(digits.dropFirst(intCount)) : "0"
                return sign + intPart + "." + fracDigits
            }
            return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
        }
        let mantissaFraction = digits.count > 1 ? String(digits.dropFirst()) : "0"
        return sign + String(digits.prefix(1)) + "." + mantissaFraction + "E" + String(exponent)
    }

    /// The shortest decimal digits that round-trip `value` (> 0), and the power of ten of the first digit.
    static func shortestDigits(_ value: Double) -> (String, Int) {
        // Swift's description is already shortest round-trip; only its layout differs from Java's.
        let text = value.description
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = String(mantissa[..<dot])
            fracPart = String(mantissa[mantissa.index(after: dot)...])
        }
        var digits = intPart + fracPart
        var pointExponent = intPart.count - 1 + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            pointExponent -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        return (digits, pointExponent)
    }
}

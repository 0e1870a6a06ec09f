/// Powers of ten computed with basic IEEE-754 arithmetic only.
///
/// Nexmark prices are `round(10^(6U) × 100)`. A libm `pow` may differ in its last bit between
/// platforms (or between an FMA and a non-FMA build), which could change a rounded price; this
/// version uses only `+`, `*`, `/` and conversions, whose results IEEE-754 fixes exactly.
package enum DecimalPower {
    private static let ln10 = 2.302585092994046
    private static let wholePowers: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// `10^x` for `x` in `[0, 6]`, accurate to a few units in the last place.
    @inline(__always)
    package static func tenToThe(_ x: Double) -> Double {
        let whole = Int(x)
        let fraction = x - Double(whole)
        // exp(f·ln10) = exp(f·ln10 / 16)^16; the reduced argument is below 0.144, where a
        // degree-12 Taylor polynomial is exact to well under one ulp.
        let t = fraction * ln10 / 16
        var sum = 1.0
        var degree = 12.0
        while degree >= 1 {
            sum = 1 + t / degree * sum
            degree -= 1
        }
        sum *= sum
        sum *= sum
        sum *= sum
        sum *= sum
        return sum * wholePowers[whole]
    }

    /// A Nexmark price in cents from a uniform `unit` in [0, 1): `round(10^(6·unit) × 100)`, 100 ... 100,000,000.
    @inline(__always)
    package static func price(unit: Double) -> Int64 {
        Int64((tenToThe(unit * 6) * 100).rounded())
    }
}

import SluiceCore

extension MathFunctions {
    static var rounding: [ScalarFunction] { [round, trunc] }

    /// DECIMAL(p - s, 0) for a DECIMAL(p, s) argument: ROUND and TRUNC without places.
    static let wholeDecimal = ReturnTypeRule.computed(text: "DECIMAL") { types throws(SQLTypeError) in
        guard case .decimal(let precision, let scale)? = types.first.flatMap({ $0 }) else {
            return .decimal(precision: 1, scale: 0)
        }
        return .decimal(precision: max(1, precision - scale), scale: 0)
    }

    /// Java's `Math.round`: the nearest integer, halves toward positive infinity, saturating;
    /// NaN is 0.
    static func javaRound(_ x: Double) -> Int64 {
        if x.isNaN { return 0 }
        let floor = x.rounded(.down)
        return JavaNumbers.int64(x - floor >= 0.5 ? floor + 1 : floor)
    }

    /// ROUND rounds halves up for positive values and down for negative ones (so -1.5 rounds to
    /// -1), matching `Math.round`.
    static func roundingMode(for value: SQLDecimal) -> DecimalRounding {
        value.signum > 0 ? .halfUp : .halfDown
    }

    /// `BigDecimal.valueOf(value).setScale(places, mode).doubleValue()`.
    static func roundDouble(_ value: Double, places: Int, truncate: Bool) throws(RecordError) -> Double {
        let decimal = try ValueOrdering.decimal(of: value)
        // A double has at most 340 fraction digits and is below 10^309: further places change
        // nothing, and rounding further left gives zero.
        if places > 400 { return value }
        if places < -400 { return 0 }
        let mode = truncate ? .down : roundingMode(for: decimal)
        // Rounding can only overflow by adding fraction digits, which changes nothing.
        guard let rounded = DecimalMath.round(decimal, to: places, mode) else { return value }
        return rounded.doubleValue
    }

    /// A DECIMAL rounded to `places`, then returned at its own scale (ksqlDB keeps the type).
    static func roundDecimal(_ value: SQLDecimal, places: Int, truncate: Bool) -> SQLDecimal {
        let mode = truncate ? .down : roundingMode(for: value)
        // Decimals hold at most 38 digits: places beyond these bounds change nothing or give zero.
        if places > Int(value.scale) { return value }
        if places < Int(value.scale) - 80 { return SQLDecimal(unscaled: 0, scale: Int(value.scale)) }
        guard let rounded = DecimalMath.round(value, to: places, mode) else { return value }
        return DecimalMath.rescaleExactly(rounded, to: Int(value.scale)) ?? rounded
    }

    static func placesOverloads(truncate: Bool) -> [FunctionOverload] {
        [
            FunctionOverload(
                [.p("value", .double), .p("places", .integer)], returns: .fixed(.double),
                kernel: .strict { v, p throws(RecordError) in
                    .double(try roundDouble(v.doubleValue!, places: Int(p.int32Value!), truncate: truncate))
                }),
            FunctionOverload(
                [.p("value", .decimal)], returns: wholeDecimal,
                kernel: .strict { v in
                    guard case .decimal(let d) = v else { return .null }
                    let mode = truncate ? .down : roundingMode(for: d)
                    return DecimalMath.round(d, to: 0, mode).map { .decimal($0) } ?? v
                }),
            FunctionOverload(
                [.p("value", .decimal), .p("places", .integer)], returns: sameDecimal,
                kernel: .strict { v, p in
                    guard case .decimal(let d) = v else { return .null }
                    return .decimal(roundDecimal(d, places: Int(p.int32Value!), truncate: truncate))
                }),
        ]
    }

    static let round = ScalarFunction(
        "ROUND", displayName: "Round", category: .mathematical,
        description:
            "Rounds a number to a number of decimal places (default 0; negative rounds left of the "
            + "point). Halves round toward positive infinity, as Java's Math.round.",
        overloads: [
            FunctionOverload([.p("value", .bigint)], returns: .fixed(.bigint), kernel: .unary { $0 }),
            FunctionOverload(
                [.p("value", .integer)], returns: .fixed(.bigint), kernel: .strict { v in .bigint(v.int64Value!) }),
            FunctionOverload(
                [.p("value", .double)], returns: .fixed(.bigint),
                kernel: .strict { v in
                    .bigint(javaRound(v.doubleValue!))
                }),
        ] + placesOverloads(truncate: false))

    static let trunc = ScalarFunction(
        "TRUNC", category: .mathematical,
        description:
            "Truncates a number toward zero to a number of decimal places (default 0; negative "
            + "truncates left of the point).",
        overloads: [
            FunctionOverload([.p("value", .bigint)], returns: .fixed(.bigint), kernel: .unary { $0 }),
            FunctionOverload(
                [.p("value", .integer)], returns: .fixed(.bigint), kernel: .strict { v in .bigint(v.int64Value!) }),
            FunctionOverload(
                [.p("value", .double)], returns: .fixed(.bigint),
                kernel: .strict { v in
                    .bigint(JavaNumbers.int64(v.doubleValue!))
                }),
        ] + placesOverloads(truncate: true))
}

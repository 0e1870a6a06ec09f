import SluiceCore

/// ABS, CEIL, FLOOR, SIGN, SQRT, EXP, LN, LOG, POWER, CBRT, PI, RANDOM, DEGREES, RADIANS.
enum MathFunctions {
    static var all: [ScalarFunction] {
        [abs, ceil, floor, sign, sqrt, exp, ln, log, power, cbrt, pi, random, degrees, radians]
            + rounding + trigonometry + extremes
    }

    /// A DECIMAL result of the same type as the first argument.
    static let sameDecimal = ReturnTypeRule.computed(text: "DECIMAL") { types throws(SQLTypeError) in
        types.first.flatMap { $0 } ?? .decimal(precision: 1, scale: 0)
    }

    static let abs = ScalarFunction(
        "ABS", displayName: "Abs", category: .mathematical,
        description:
            "Returns the absolute value of a number. The most negative INT or BIGINT stays negative, as in Java.",
        overloads: [
            FunctionOverload(
                [.p("value", .integer)], returns: .fixed(.integer),
                kernel: .strict { v in
                    let x = v.int32Value!
                    return .integer(x < 0 ? 0 &- x : x)
                }),
            FunctionOverload(
                [.p("value", .bigint)], returns: .fixed(.bigint),
                kernel: .strict { v in
                    let x = v.int64Value!
                    return .bigint(x < 0 ? 0 &- x : x)
                }),
            FunctionOverload(
                [.p("value", .double)], returns: .fixed(.double),
                kernel: .strict { v in
                    .double(Swift.abs(v.doubleValue!))
                }),
            FunctionOverload(
                [.p("value", .decimal)], returns: sameDecimal,
                kernel: .strict { v in
                    guard case .decimal(let d) = v else { return .null }
                    return .decimal(d.unscaled < 0 ? DecimalMath.negate(d) : d)
                }),
        ])

    static func integral(
        _ name: String, _ display: String, _ description: String, _ mode: DecimalRounding,
        _ body: @escaping @Sendable (Double) -> Double
    ) -> ScalarFunction {
        ScalarFunction(
            name, displayName: display, category: .mathematical, description: description,
            overloads: [
                FunctionOverload([.p("value", .integer)], returns: .fixed(.integer), kernel: .unary { $0 }),
                FunctionOverload([.p("value", .bigint)], returns: .fixed(.bigint), kernel: .unary { $0 }),
                FunctionOverload([.p("value", .double)], returns: .fixed(.double), kernel: .double(body)),
                FunctionOverload(
                    [.p("value", .decimal)], returns: sameDecimal,
                    kernel: .strict { v in
                        guard case .decimal(let d) = v, let whole = DecimalMath.round(d, to: 0, mode),
                            let result = DecimalMath.rescaleExactly(whole, to: Int(d.scale))
                        else { return v }
                        return .decimal(result)
                    }),
            ])
    }

    static let ceil = integral(
        "CEIL", "Ceil", "Returns the smallest integer greater than or equal to a number; a DECIMAL keeps its scale.",
        .ceiling, { $0.rounded(.up) })
    static let floor = integral(
        "FLOOR", "Floor", "Returns the largest integer less than or equal to a number; a DECIMAL keeps its scale.",
        .floor, { $0.rounded(.down) })

    static let sign = ScalarFunction(
        "SIGN", category: .mathematical, description: "Returns -1, 0 or 1: the sign of a number (0 for NaN).",
        overloads: [
            FunctionOverload(
                [.p("value", .integer)], returns: .fixed(.integer),
                kernel: .strict { v in
                    .integer(Int32(v.int32Value!.signum()))
                }),
            FunctionOverload(
                [.p("value", .bigint)], returns: .fixed(.integer),
                kernel: .strict { v in
                    .integer(Int32(v.int64Value!.signum()))
                }),
            FunctionOverload(
                [.p("value", .double)], returns: .fixed(.integer),
                kernel: .strict { v in
                    let x = v.doubleValue!
                    return .integer(x > 0 ? 1 : (x < 0 ? -1 : 0))
                }),
        ])

    static let sqrt = ScalarFunction(
        "SQRT", category: .mathematical, description: "Returns the square root of a number (NaN below zero).",
        overloads: FunctionOverload.doubleOfNumber("value", "The square root.") { $0.squareRoot() })

    static let exp = ScalarFunction(
        "EXP", category: .mathematical, description: "Returns e raised to a number.",
        overloads: FunctionOverload.doubleOfNumber("value", "e to the power of the value.") { Math.exp($0) })

    static let ln = ScalarFunction(
        "LN", category: .mathematical, description: "Returns the natural logarithm of a number.",
        overloads: FunctionOverload.doubleOfNumber("value", "The natural logarithm.") { Math.log($0) })

    static let log = ScalarFunction(
        "LOG", category: .mathematical,
        description:
            "Returns the natural logarithm of a number, or its logarithm in a base (NaN for a base "
            + "that is not positive or is 1).",
        overloads: FunctionOverload.doubleOfNumber("value", "The natural logarithm.") { Math.log($0) }
            + [ParameterType.integer, .bigint, .double].map { type in
                FunctionOverload(
                    [.p("base", type), .p("value", type)], returns: .fixed(.double),
                    description: "The logarithm in a base.",
                    kernel: .double { base, value in base <= 0 || base == 1 ? .nan : Math.log(value) / Math.log(base) })
            })

    static let power = ScalarFunction(
        "POWER", category: .mathematical, description: "Returns a base raised to an exponent.",
        overloads: [ParameterType.integer, .bigint, .double].map { type in
            FunctionOverload(
                [.p("base", type), .p("exponent", type)], returns: .fixed(.double),
                kernel: .double { base, exponent in Math.pow(base, exponent) })
        })

    static let cbrt = ScalarFunction(
        "CBRT", category: .mathematical, description: "Returns the cube root of a number.",
        overloads: FunctionOverload.doubleOfNumber("value", "The cube root.") { Math.cbrt($0) })

    static let pi = ScalarFunction(
        "PI", category: .mathematical, description: "Returns π.",
        overloads: [FunctionOverload([], returns: .fixed(.double), kernel: .nullary { .double(Double.pi) })])

    static let random = ScalarFunction(
        "RANDOM", category: .mathematical, description: "Returns a random DOUBLE in [0.0, 1.0).",
        overloads: [
            FunctionOverload([], returns: .fixed(.double), kernel: .nullary { .double(Double.random(in: 0..<1)) })
        ])

    static let degrees = ScalarFunction(
        "DEGREES", category: .mathematical, description: "Converts radians to degrees.",
        overloads: FunctionOverload.doubleOfNumber("value", "The angle in degrees.") { $0 * 57.29577951308232 })

    static let radians = ScalarFunction(
        "RADIANS", category: .mathematical, description: "Converts degrees to radians.",
        overloads: FunctionOverload.doubleOfNumber("value", "The angle in radians.") { $0 * 0.017453292519943295 })
}

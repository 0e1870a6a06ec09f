import SluiceCore

extension MathFunctions {
    static var trigonometry: [ScalarFunction] {
        [
            trig("ACOS", "Returns the arc cosine of a number, in radians (NaN outside [-1, 1]).", Math.acos),
            trig("ASIN", "Returns the arc sine of a number, in radians (NaN outside [-1, 1]).", Math.asin),
            trig("ATAN", "Returns the arc tangent of a number, in radians.", Math.atan),
            atan2,
            trig("COS", "Returns the cosine of an angle in radians.", Math.cos),
            trig("COSH", "Returns the hyperbolic cosine of a number.", Math.cosh),
            trig("COT", "Returns the cotangent of an angle in radians.", { 1.0 / Math.tan($0) }),
            trig("SIN", "Returns the sine of an angle in radians.", Math.sin),
            trig("SINH", "Returns the hyperbolic sine of a number.", Math.sinh),
            trig("TAN", "Returns the tangent of an angle in radians.", Math.tan),
            trig("TANH", "Returns the hyperbolic tangent of a number.", Math.tanh),
        ]
    }

    static func trig(_ name: String, _ description: String, _ body: @escaping @Sendable (Double) -> Double)
        -> ScalarFunction
    {
        ScalarFunction(
            name, category: .mathematical, description: description,
            overloads: FunctionOverload.doubleOfNumber("value", description, body))
    }

    static let atan2 = ScalarFunction(
        "ATAN2", category: .mathematical,
        description: "Returns the angle, in radians, between the positive x axis and the point (x, y).",
        overloads: [ParameterType.integer, .bigint, .double].map { type in
            FunctionOverload(
                [.p("y", type), .p("x", type)], returns: .fixed(.double), kernel: .double { y, x in Math.atan2(y, x) })
        })
}

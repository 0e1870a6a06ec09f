import SluiceCore

extension MathFunctions {
    static var extremes: [ScalarFunction] {
        [
            extreme("GREATEST", "Returns the greatest non-NULL argument, or NULL if all are NULL.", greatest: true),
            extreme("LEAST", "Returns the least non-NULL argument, or NULL if all are NULL.", greatest: false),
        ]
    }

    /// GREATEST and LEAST have one overload per comparable type, so mixed INT and BIGINT arguments
    /// are ambiguous, as in ksqlDB; a DECIMAL result is wide enough for every argument.
    static func extreme(_ name: String, _ description: String, greatest: Bool) -> ScalarFunction {
        let kernel = ScalarKernel.variadic { arguments in
            var best: Value = .null
            for argument in arguments where !argument.isNull {
                if best.isNull {
                    best = argument
                    continue
                }
                let order = ValueOrdering.javaCompare(argument, best)
                if greatest ? order > 0 : order < 0 { best = argument }
            }
            return best
        }
        let widened = ReturnTypeRule.computed(text: "DECIMAL") { types throws(SQLTypeError) in
            types.compactMap { $0 }.reduce(nil as SQLType?) { partial, type in
                partial.map { TypeRules.widenDecimals($0, type) ?? $0 } ?? type
            } ?? .decimal(precision: 1, scale: 0)
        }
        let types: [ParameterType] = [.integer, .bigint, .double, .string, .decimal, .bytes, .date, .time, .timestamp]
        return ScalarFunction(
            name, category: .mathematical, description: description,
            overloads: types.map { type in
                FunctionOverload(
                    [.p("value", type), .p("values", type)], variadic: true,
                    returns: type == .decimal ? widened : .fixed(type.fixedType!), kernel: kernel)
            })
    }
}

import SluiceCore
import SluiceFunctions

/// The table functions of ksqlDB's test classpath (`TEST_UDTF`, `THROWING_UDTF`).
extension KsqlTestFunctions {
    static let primitiveTypes: [ParameterType] = [.integer, .bigint, .double, .boolean, .string, .decimal, .anyStruct]

    /// `TEST_UDTF(x)`: `x` as the only row. `TEST_UDTF(i, l, d, b, s, dec, struct)` and the same with
    /// arrays or maps of those: one STRING row per value, as Java's `toString` writes it.
    static let testUDTF = ScalarFunction(
        "TEST_UDTF", category: .table, description: "Test table function: its arguments as rows.",
        overloads: primitiveTypes.map { type in
            // ksqlDB's test function declares its DECIMAL result as DECIMAL(30, 10).
            let returns: ReturnTypeRule = type == .decimal
                ? .fixed(.decimal(precision: 30, scale: 10))
                : .computed(text: type.description) { types throws(SQLTypeError) in types[0] ?? .string }
            return FunctionOverload([FunctionParameter("x", type)], returns: returns, kernel: .unary { value in .array([value]) })
        } + [
            stringRows { $0 }, stringRows { .array($0) }, stringRows { .map(key: .string, value: $0) },
        ])

    /// The TEST_UDTF overload over one argument of each primitive type, each wrapped by `wrap`.
    private static func stringRows(_ wrap: (ParameterType) -> ParameterType) -> FunctionOverload {
        FunctionOverload(
            primitiveTypes.enumerated().map { FunctionParameter("f\($0)", wrap($1)) }, returns: .fixed(.string)
        ) { site throws(SQLTypeError) in
            let types = site.argumentTypes
            return .variadic { arguments in
                var rows: [Value] = []
                for (index, argument) in arguments.enumerated() {
                    for (value, type) in elements(argument, type: types[index]) {
                        rows.append(.string(ByteString(ValueText.javaString(value, type: type))))
                    }
                }
                return .array(rows)
            }
        }
    }


    /// The values a TEST_UDTF argument stands for: itself, or the elements of an array or a map.
    private static func elements(_ value: Value, type: SQLType) -> [(Value, SQLType)] {
        switch (value, type) {
        case (.array(let items), .array(let element)): return items.map { ($0, element) }
        case (.map(let map), .map(_, let valueType)): return map.values.map { ($0, valueType) }
        default: return [(value, type)]
        }
    }

    /// `THROWING_UDTF(shouldThrow)`: `shouldThrow` as the only row, or an error when it is true.
    static let throwingUDTF = ScalarFunction(
        "THROWING_UDTF", category: .table, description: "Test table function: fails when its argument is true.",
        overloads: [
            FunctionOverload(
                [FunctionParameter("shouldThrow", .boolean)], returns: .fixed(.boolean),
                kernel: .unary { shouldThrow throws(RecordError) in
                    if case .boolean(true) = shouldThrow { throw RecordError("You asked me to throw...") }
                    return .array([shouldThrow])
                })
        ])
}

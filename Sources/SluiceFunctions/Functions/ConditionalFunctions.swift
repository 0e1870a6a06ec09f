import SluiceCore

/// COALESCE, IFNULL, NULLIF.
enum ConditionalFunctions {
    static let all: [ScalarFunction] = [coalesce, ifnull, nullif]

    static let coalesce = ScalarFunction(
        "COALESCE", displayName: "COALESCE", category: .conditional,
        description: "Returns the first argument that is not NULL, or NULL if all are.",
        overloads: [
            FunctionOverload(
                [.p("first", .generic("T")), .p("others", .generic("T"))], variadic: true,
                returns: .parameter(.generic("T")),
                kernel: .variadic { arguments in arguments.first { !$0.isNull } ?? .null })
        ])

    static let ifnull = ScalarFunction(
        "IFNULL", category: .conditional,
        description: "Returns the first argument, or the second if the first is NULL.",
        overloads: [
            FunctionOverload(
                [.p("expression", .generic("T")), .p("alternative", .generic("T"))],
                returns: .parameter(.generic("T")),
                kernel: .binary { value, alternative in value.isNull ? alternative : value })
        ])

    static let nullif = ScalarFunction(
        "NULLIF", category: .conditional,
        description: "Returns NULL if the two arguments are equal, otherwise the first.",
        overloads: [
            FunctionOverload(
                [.p("expression1", .generic("T")), .p("expression2", .generic("T"))],
                returns: .parameter(.generic("T")),
                kernel: .binary { a, b in ValueOrdering.javaEquals(a, b) ? .null : a })
        ])
}

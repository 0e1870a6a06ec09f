import SluiceCore

/// TRANSFORM, FILTER and REDUCE over arrays and maps, which take lambdas.
enum LambdaFunctions {
    static let all: [ScalarFunction] = [transform, filter, reduce]

    static func lambda(_ parameters: [ParameterType], _ result: ParameterType) -> ParameterType {
        .lambda(parameters: parameters, result: result)
    }

    static let array = ParameterType.array(.generic("T"))
    static let map = ParameterType.map(key: .generic("K"), value: .generic("V"))

    static let transform = ScalarFunction(
        "TRANSFORM", category: .lambda,
        description:
            "Applies a lambda to each element of an array, or two lambdas of (key, value) to each entry of a map "
            + "for its new key and value. A map result with a repeated key or a NULL value is an error.",
        overloads: [
            FunctionOverload(
                [.p("array", array), .p("function", lambda([.generic("T")], .generic("R")))],
                returns: .parameter(.array(.generic("R"))),
                kernel: .higherOrder { arguments, invoke throws(RecordError) in
                    guard case .array(let elements) = arguments[0] else { return .null }
                    var result: [Value] = []
                    result.reserveCapacity(elements.count)
                    for element in elements { result.append(try invoke(0, element, .null, .null)) }
                    return .array(result)
                }),
            FunctionOverload(
                [
                    .p("map", map), .p("keyFunction", lambda([.generic("K"), .generic("V")], .generic("K2"))),
                    .p("valueFunction", lambda([.generic("K"), .generic("V")], .generic("V2"))),
                ],
                returns: .parameter(.map(key: .generic("K2"), value: .generic("V2"))),
                kernel: .higherOrder { arguments, invoke throws(RecordError) in
                    guard case .map(let entries) = arguments[0] else { return .null }
                    var result = MapValue()
                    for (key, value) in entries.entries {
                        let newKey = try invoke(0, key, value, .null)
                        let newValue = try invoke(1, key, value, .null)
                        try insert(newKey, newValue, into: &result)
                    }
                    return .map(result)
                }),
        ])

    /// Adds an entry as Java's `Collectors.toMap` does: a NULL value or a repeated key fails.
    static func insert(_ key: Value, _ value: Value, into map: inout MapValue) throws(RecordError) {
        guard !value.isNull else { throw RecordError("Map values can't be NULL") }
        guard map[key] == nil else {
            throw RecordError("Duplicate key \(ValueText.castString(key, type: .string) ?? "null")")
        }
        map[key] = value
    }

    static let filter = ScalarFunction(
        "FILTER", category: .lambda,
        description:
            "Keeps the elements of an array, or the entries of a map, for which a lambda (of the element, or of "
            + "key and value) is true. A NULL result of the lambda is an error.",
        overloads: [
            FunctionOverload(
                [.p("array", array), .p("function", lambda([.generic("T")], .boolean))],
                returns: .parameter(array),
                kernel: .higherOrder { arguments, invoke throws(RecordError) in
                    guard case .array(let elements) = arguments[0] else { return .null }
                    var kept: [Value] = []
                    for element in elements where try isTrue(try invoke(0, element, .null, .null)) {
                        kept.append(element)
                    }
                    return .array(kept)
                }),
            FunctionOverload(
                [.p("map", map), .p("function", lambda([.generic("K"), .generic("V")], .boolean))],
                returns: .parameter(map),
                kernel: .higherOrder { arguments, invoke throws(RecordError) in
                    guard case .map(let entries) = arguments[0] else { return .null }
                    var kept = MapValue()
                    for (key, value) in entries.entries where try isTrue(try invoke(0, key, value, .null)) {
                        try insert(key, value, into: &kept)
                    }
                    return .map(kept)
                }),
        ])

    /// A lambda's BOOLEAN result; NULL fails as unboxing a null `Boolean` does in ksqlDB.
    static func isTrue(_ value: Value) throws(RecordError) -> Bool {
        guard case .boolean(let flag) = value else { throw RecordError("FILTER lambda returned NULL") }
        return flag
    }

    static let reduce = ScalarFunction(
        "REDUCE", category: .lambda,
        description:
            "Folds an array, or a map, into one value: starting from the initial state, a lambda of (state, "
            + "element) or (state, key, value) gives each next state. NULL when the initial state is NULL; the "
            + "initial state when the collection is NULL.",
        overloads: [
            FunctionOverload(
                [
                    .p("array", array), .p("initialState", .generic("S")),
                    .p("function", lambda([.generic("S"), .generic("T")], .generic("S"))),
                ],
                returns: .parameter(.generic("S")),
                kernel: .higherOrder { arguments, invoke throws(RecordError) in
                    var state = arguments[1]
                    guard !state.isNull, case .array(let elements) = arguments[0] else { return state }
                    for element in elements { state = try invoke(0, state, element, .null) }
                    return state
                }),
            FunctionOverload(
                [
                    .p("map", map), .p("initialState", .generic("S")),
                    .p("function", lambda([.generic("S"), .generic("K"), .generic("V")], .generic("S"))),
                ],
                returns: .parameter(.generic("S")),
                kernel: .higherOrder { arguments, invoke throws(RecordError) in
                    var state = arguments[1]
                    guard !state.isNull, case .map(let entries) = arguments[0] else { return state }
                    for (key, value) in entries.entries { state = try invoke(0, state, key, value) }
                    return state
                }),
        ])
}

import SluiceCore

extension ArrayFunctions {
    static let sets: [ScalarFunction] =
        [arrayDistinct, arrayExcept, arrayIntersect, arrayUnion, arrayRemove, arrayConcat]

    static let arrayDistinct = ScalarFunction(
        "ARRAY_DISTINCT", category: .array,
        description:
            "Returns the distinct elements of an array in the order they first appear, or NULL if the array is "
            + "NULL.",
        overloads: [
            FunctionOverload(
                [.p("array", anyArray)], returns: .parameter(anyArray),
                kernel: .strict { array in
                    guard case .array(let elements) = array else { return .null }
                    return .array(elements.javaDistinct())
                })
        ])

    static let arrayExcept = ScalarFunction(
        "ARRAY_EXCEPT", category: .array,
        description:
            "Returns the distinct elements of the first array that are not in the second, in the order of the "
            + "first; NULL if either array is NULL.",
        overloads: [
            setOperation { left, right in
                let excluded = Set(right.map(JavaValueKey.init))
                return left.javaDistinct().filter { !excluded.contains(JavaValueKey($0)) }
            }
        ])

    static let arrayIntersect = ScalarFunction(
        "ARRAY_INTERSECT", category: .array,
        description:
            "Returns the distinct elements that are in both arrays, in the order of the first; NULL if either "
            + "array is NULL.",
        overloads: [
            setOperation { left, right in
                let kept = Set(right.map(JavaValueKey.init))
                return left.javaDistinct().filter { kept.contains(JavaValueKey($0)) }
            }
        ])

    static let arrayUnion = ScalarFunction(
        "ARRAY_UNION", category: .array,
        description:
            "Returns the distinct elements of both arrays, those of the first array first; NULL if either array "
            + "is NULL.",
        overloads: [setOperation { left, right in (left + right).javaDistinct() }])

    /// An overload of two arrays of one element type that is NULL when either array is.
    static func setOperation(_ body: @escaping @Sendable ([Value], [Value]) -> [Value]) -> FunctionOverload {
        FunctionOverload(
            [.p("left", anyArray), .p("right", anyArray)], returns: .parameter(anyArray),
            kernel: .strict { left, right in
                guard case .array(let a) = left, case .array(let b) = right else { return .null }
                return .array(body(a, b))
            })
    }

    static let arrayRemove = ScalarFunction(
        "ARRAY_REMOVE", category: .array,
        description:
            "Removes every element equal to a value from an array (a NULL value removes the NULL elements); "
            + "NULL if the array is NULL.",
        overloads: [
            FunctionOverload(
                [.p("array", anyArray), .p("victim", .generic("T"))], returns: .parameter(anyArray),
                kernel: .binary { array, victim in
                    guard case .array(let elements) = array else { return .null }
                    return .array(elements.filter { !ValueOrdering.javaEquals($0, victim) })
                })
        ])

    static let arrayConcat = ScalarFunction(
        "ARRAY_CONCAT", category: .array,
        description:
            "Concatenates two arrays of one element type. A NULL array counts as empty; the result is NULL only "
            + "when both are NULL.",
        overloads: [
            FunctionOverload(
                [.p("left", anyArray), .p("right", anyArray)], returns: .parameter(anyArray),
                kernel: .binary { left, right in
                    switch (left, right) {
                    case (.array(let a), .array(let b)): .array(a + b)
                    case (.array, _): left
                    case (_, .array): right
                    default: .null
                    }
                })
        ])
}

import SluiceCore

/// ARRAY_CONTAINS, ARRAY_LENGTH, ARRAY_MAX, ARRAY_MIN, ARRAY_SORT, ARRAY_JOIN, SLICE,
/// GENERATE_SERIES; the set functions are in `ArrayFunctions+Sets.swift`.
enum ArrayFunctions {
    static let all: [ScalarFunction] =
        [arrayContains, arrayLength, arrayMax, arrayMin, arraySort, arrayJoin, slice, generateSeries]
        + ArrayFunctions.sets

    static let anyArray = ParameterType.array(.generic("T"))

    static let arrayContains = ScalarFunction(
        "ARRAY_CONTAINS", category: .array,
        description: "Returns true if the array is not NULL and contains the value; NULL elements match a NULL value.",
        overloads: [
            FunctionOverload(
                [.p("array", anyArray), .p("value", .generic("T"))], returns: .fixed(.boolean),
                kernel: .binary { array, value in
                    guard case .array(let elements) = array else { return .boolean(false) }
                    return .boolean(elements.contains { ValueOrdering.javaEquals($0, value) })
                })
        ])

    static let arrayLength = ScalarFunction(
        "ARRAY_LENGTH", category: .array,
        description: "Returns the number of elements in an array, or NULL if the array is NULL.",
        overloads: [
            FunctionOverload(
                [.p("array", anyArray)], returns: .fixed(.integer),
                kernel: .strict { array in
                    guard case .array(let elements) = array else { return .null }
                    return .integer(Int32(elements.count))
                })
        ])

    static let arrayMax = extreme(
        "ARRAY_MAX",
        "Returns the greatest non-NULL element of an array of primitive values in their natural order, or NULL "
            + "if the array is NULL, empty or all NULL.",
        sign: 1)
    static let arrayMin = extreme(
        "ARRAY_MIN",
        "Returns the least non-NULL element of an array of primitive values in their natural order, or NULL "
            + "if the array is NULL, empty or all NULL.",
        sign: -1)

    static func extreme(_ name: String, _ description: String, sign: Int) -> ScalarFunction {
        ScalarFunction(
            name, category: .array, description: description,
            overloads: [
                FunctionOverload([.p("array", anyArray)], returns: .parameter(.generic("T"))) {
                    (site: CallSite) throws(SQLTypeError) -> ScalarKernel in
                    try requireOrdered(name, site.argumentTypes[0])
                    return .strict { array in
                        guard case .array(let elements) = array else { return .null }
                        var best = Value.null
                        for element in elements where !element.isNull {
                            if best.isNull || NaturalOrder.compare(element, best) * sign > 0 { best = element }
                        }
                        return best
                    }
                }
            ])
    }

    static func requireOrdered(_ name: String, _ arrayType: SQLType) throws(SQLTypeError) {
        if case .array(let element) = arrayType, !NaturalOrder.isOrdered(element) {
            throw NaturalOrder.unordered(name, element)
        }
    }

    static let arraySort = ScalarFunction(
        "ARRAY_SORT", category: .array,
        description:
            "Sorts an array of primitive values in their natural order, ascending by default or as the "
            + "direction says ('ASC', 'ASCENDING', 'DESC', 'DESCENDING'); NULL elements go last. An unknown "
            + "direction gives NULL.",
        overloads: [
            FunctionOverload([.p("array", anyArray)], returns: .parameter(anyArray)) {
                (site: CallSite) throws(SQLTypeError) -> ScalarKernel in
                try requireOrdered("ARRAY_SORT", site.argumentTypes[0])
                return .strict { array in sorted(array, descending: false) }
            },
            FunctionOverload([.p("array", anyArray), .p("direction", .string)], returns: .parameter(anyArray)) {
                (site: CallSite) throws(SQLTypeError) -> ScalarKernel in
                try requireOrdered("ARRAY_SORT", site.argumentTypes[0])
                return .strict { array, direction in
                    switch direction.byteStringValue!.string.uppercased() {
                    case "ASC", "ASCENDING": sorted(array, descending: false)
                    case "DESC", "DESCENDING": sorted(array, descending: true)
                    default: .null
                    }
                }
            },
        ])

    /// A stable sort with NULLs last in either direction (Java's `nullsLast`).
    static func sorted(_ array: Value, descending: Bool) -> Value {
        guard case .array(let elements) = array else { return .null }
        var present = elements.filter { !$0.isNull }
        let nulls = elements.count - present.count
        // Swift's sort is stable, as Java's `List.sort` is: equal elements keep their order.
        let sign = descending ? -1 : 1
        present.sort { NaturalOrder.compare($0, $1) * sign < 0 }
        present.append(contentsOf: repeatElement(.null, count: nulls))
        return .array(present)
    }

    static let arrayJoin = ScalarFunction(
        "ARRAY_JOIN", category: .array,
        description:
            "Joins the elements of an array of BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL or STRING values into a "
            + "string with a delimiter between them (',' by default; a NULL delimiter means none). NULL elements "
            + "print as 'null'.",
        overloads: [
            FunctionOverload([.p("array", anyArray)], returns: .fixed(.string)) { (site: CallSite) -> ScalarKernel in
                let elementType = elementType(site.argumentTypes[0])
                return .unary { array throws(RecordError) in try join(array, ",", elementType) }
            },
            FunctionOverload([.p("array", anyArray), .p("delimiter", .string)], returns: .fixed(.string)) {
                (site: CallSite) -> ScalarKernel in
                let elementType = elementType(site.argumentTypes[0])
                return .binary { array, delimiter throws(RecordError) in
                    try join(array, delimiter.byteStringValue?.string ?? "", elementType)
                }
            },
        ])

    static func elementType(_ arrayType: SQLType) -> SQLType {
        if case .array(let element) = arrayType { return element }
        return .string
    }

    /// ksqlDB's `StringJoiner` over `toString`; like ksqlDB, it fails on the first non-NULL element
    /// that is not a BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL or STRING.
    static func join(_ array: Value, _ delimiter: String, _ elementType: SQLType) throws(RecordError) -> Value {
        guard case .array(let elements) = array else { return .null }
        var text = ""
        for (index, element) in elements.enumerated() {
            switch element {
            case .null, .boolean, .integer, .bigint, .double, .decimal, .string: break
            default:
                throw RecordError("error: hit element of type \(elementType) which is currently not supported")
            }
            if index > 0 { text += delimiter }
            text += ValueText.javaString(element, type: elementType)
        }
        return .string(text)
    }

    static let slice = ScalarFunction(
        "SLICE", category: .array,
        description:
            "Returns the elements of an array from position 'from' to position 'to', both 1-based and inclusive. "
            + "A NULL 'from' means the first element and a NULL 'to' the last; positions outside the array give "
            + "NULL.",
        overloads: [
            FunctionOverload(
                [.p("array", anyArray), .p("from", .integer), .p("to", .integer)], returns: .parameter(anyArray),
                kernel: .ternary { array, from, to in
                    guard case .array(let elements) = array else { return .null }
                    let start = from.int32Value.map { Int($0) - 1 } ?? 0
                    let end = to.int32Value.map { Int($0) } ?? elements.count
                    guard start >= 0, end <= elements.count, start <= end else { return .null }
                    return .array(Array(elements[start..<end]))
                })
        ])
}

import SluiceCore

/// Table functions (ksqlDB's UDTFs): EXPLODE and CUBE_EXPLODE. A call in a SELECT list turns one
/// input row into as many output rows as the function returns values.
///
/// A table function is registered like a scalar one, in the `.table` category: its overloads
/// declare the type of each value it produces, and its kernel returns them all as an ARRAY (NULL
/// or an empty array for none). The planner only accepts such calls in a SELECT list, where the
/// runtime's flat-map step spreads the array over rows.
enum TableFunctions {
    static let all: [ScalarFunction] = [explode, cubeExplode]

    static let explode = ScalarFunction(
        "EXPLODE", category: .table,
        description: "Explodes an array: one output row per element (none for a NULL or empty array).",
        overloads: [
            FunctionOverload([.p("array", .array(.generic("T")))], returns: .parameter(.generic("T")),
                             kernel: .unary { array in array })
        ])

    static let cubeExplode = ScalarFunction(
        "CUBE_EXPLODE", category: .table,
        description: "One output row per combination of the array's elements with some of them replaced by NULL, "
            + "from all NULL to none (2^n rows for n distinct non-NULL elements).",
        overloads: [
            FunctionOverload([.p("columns", .array(.generic("T")))], returns: .parameter(.array(.generic("T"))),
                             kernel: .unary { columns throws(RecordError) in
                                 guard case .array(let elements) = columns else { return .null }
                                 // 2^n rows: past this a single record would expand into millions.
                                 guard elements.count <= maximumCubeElements else {
                                     throw RecordError("CUBE_EXPLODE takes at most \(maximumCubeElements) elements, "
                                         + "found \(elements.count)")
                                 }
                                 return .array(cube(elements))
                             })
        ])

    /// Every combination of `elements` with some replaced by NULL, counting in binary from all
    /// NULL (0) to all kept (2^n - 1), the first element as the highest bit. An element that is
    /// NULL already is never "replaced", so no combination repeats.
    static let maximumCubeElements = 20

    static func cube(_ elements: [Value]) -> [Value] {
        let count = elements.count
        var combinations: [Value] = []
        for mask in 0..<(1 << count) {
            var skip = false
            var combination: [Value] = []
            combination.reserveCapacity(count)
            for (index, element) in elements.enumerated() {
                let keeps = mask & (1 << (count - 1 - index)) != 0
                // Keeping a NULL gives the same row as replacing it: only the replaced form counts.
                if keeps && element.isNull {
                    skip = true
                    break
                }
                combination.append(keeps ? element : .null)
            }
            if !skip { combinations.append(.array(combination)) }
        }
        return combinations
    }
}

extension ScalarFunction {
    /// Whether this is a table function (EXPLODE): its calls belong in a SELECT list, each turning a
    /// row into as many rows as values it returns.
    public var isTableFunction: Bool { category == .table }
}

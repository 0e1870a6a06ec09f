import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct ArrayFunctionTests {
    @Test func containsUsesJavaEqualityAndMatchesNullElements() throws {
        #expect(try call("ARRAY_CONTAINS", [strings("Pink", nil), str("Pink")]) == .boolean(true))
        #expect(try call("ARRAY_CONTAINS", [strings("Red"), str("Pink")]) == .boolean(false))
        #expect(try call("ARRAY_CONTAINS", [strings("Red", nil), null(.string)]) == .boolean(true))
        #expect(try call("ARRAY_CONTAINS", [null(.array(.string)), str("Pink")]) == .boolean(false))
        #expect(try call("ARRAY_CONTAINS", [array([.double(.nan)], of: .double), dbl(.nan)]) == .boolean(true))
        // An INT array against a BIGINT value widens the array's element type.
        #expect(try returnType("ARRAY_CONTAINS", [.array(.integer), .bigint]) == .boolean)
    }

    @Test func lengthOfAnyArray() throws {
        #expect(try call("ARRAY_LENGTH", [ints(1, nil, 3)]) == .integer(3))
        #expect(try call("ARRAY_LENGTH", [array([], of: .map(key: .string, value: .integer))]) == .integer(0))
        #expect(try call("ARRAY_LENGTH", [null(.array(.integer))]) == .null)
    }

    @Test func maxAndMinSkipNulls() throws {
        #expect(try call("ARRAY_MAX", [ints(0, nil, 1, -1)]) == .integer(1))
        #expect(try call("ARRAY_MIN", [ints(0, nil, 1, -1)]) == .integer(-1))
        #expect(try call("ARRAY_MAX", [strings("foo", "fo", "Food", nil, "food")]) == .string("food"))
        #expect(try call("ARRAY_MIN", [strings("foo", "F", "food")]) == .string("F"))
        #expect(try call("ARRAY_MAX", [array([.boolean(false), .boolean(true)], of: .boolean)]) == .boolean(true))
        #expect(
            try call("ARRAY_MAX", [array([dec("1.0"), dec("9.0"), dec("-9.9")], of: .decimal(precision: 2, scale: 1))])
                == dec("9.0"))
        #expect(try call("ARRAY_MAX", [ints()]) == .null)
        #expect(try call("ARRAY_MIN", [ints(nil, nil)]) == .null)
        #expect(try call("ARRAY_MAX", [null(.array(.integer))]) == .null)
        #expect(try returnType("ARRAY_MAX", [.array(.bigint)]) == .bigint)
    }

    @Test func extremesRejectUnorderedElements() throws {
        let message = errorMessage { _ = try call("ARRAY_MAX", [array([], of: .array(.integer))]) }
        #expect(message == "ARRAY_MAX can only order primitive values, not ARRAY<INTEGER>")
    }

    @Test func sortPutsNullsLastInBothDirections() throws {
        #expect(try call("ARRAY_SORT", [ints(0, nil, 1, 0, -1)]) == ints(-1, 0, 0, 1, nil).0)
        #expect(try call("ARRAY_SORT", [ints(0, nil, 1, 0, -1), str("desc")]) == ints(1, 0, 0, -1, nil).0)
        #expect(
            try call("ARRAY_SORT", [strings("foo", "fo", "Food", nil, "F"), str("DESCENDING")])
                == stringValues("foo", "fo", "Food", "F", nil))
        #expect(
            try call("ARRAY_SORT", [array([.boolean(true), .null, .boolean(false)], of: .boolean)])
                == .array([.boolean(false), .boolean(true), .null]))
        #expect(
            try call("ARRAY_SORT", [array([.double(0.3), .double(-12345.678), .double(0.0)], of: .double)])
                == .array([.double(-12345.678), .double(0.0), .double(0.3)]))
        // Equal elements (1.00 and 1.0 compare equal) keep their order in either direction.
        let decimals = array([dec("1.00"), dec("0.5"), dec("1.0")], of: .decimal(precision: 3, scale: 2))
        #expect(try call("ARRAY_SORT", [decimals]) == .array([dec("0.5"), dec("1.00"), dec("1.0")]))
        #expect(try call("ARRAY_SORT", [decimals, str("desc")]) == .array([dec("1.00"), dec("1.0"), dec("0.5")]))
        #expect(try call("ARRAY_SORT", [ints(2, 1), str("sideways")]) == .null)
        #expect(try call("ARRAY_SORT", [ints(2, 1), null(.string)]) == .null)
        #expect(try call("ARRAY_SORT", [null(.array(.integer))]) == .null)
        #expect(try callRowByRow("ARRAY_SORT", [ints(3, 1, 2), str("asc")]) == ints(1, 2, 3).0)
    }

    @Test func joinPrintsElementsAsJavaDoes() throws {
        #expect(try call("ARRAY_JOIN", [ints(1, nil, 3)]) == .string("1,null,3"))
        #expect(try call("ARRAY_JOIN", [strings("a", "b"), str("-|-")]) == .string("a-|-b"))
        #expect(try call("ARRAY_JOIN", [strings("a", "b"), null(.string)]) == .string("ab"))
        #expect(try call("ARRAY_JOIN", [array([.double(1e10), .double(0.5)], of: .double)]) == .string("1.0E10,0.5"))
        #expect(try call("ARRAY_JOIN", [array([dec("1.50")], of: .decimal(precision: 3, scale: 2))]) == .string("1.50"))
        #expect(try call("ARRAY_JOIN", [ints()]) == .string(""))
        #expect(try call("ARRAY_JOIN", [null(.array(.integer))]) == .null)
        let message = errorMessage { _ = try call("ARRAY_JOIN", [array([.date(1)], of: .date)]) }
        #expect(message == "error: hit element of type DATE which is currently not supported")
        // Only a non-NULL element of an unsupported type fails.
        #expect(try call("ARRAY_JOIN", [array([.null], of: .date)]) == .string("null"))
    }

    @Test(arguments: [
        (2 as Int32?, 3 as Int32?, ["b", "c"] as [String]?), (nil, 2, ["a", "b"]), (3, nil, ["c", "d"]),
        (1, 4, ["a", "b", "c", "d"]), (0, 2, nil), (2, 5, nil), (3, 1, nil), (4, 3, []), (5, 4, []),
    ])
    func sliceIsOneBasedAndInclusive(from: Int32?, to: Int32?, expected: [String]?) throws {
        let result = try call(
            "SLICE",
            [strings("a", "b", "c", "d"), from.map(int) ?? null(.integer), to.map(int) ?? null(.integer)])
        #expect(result == (expected.map { .array($0.map { Value.string($0) }) } ?? .null))
    }

    @Test func sliceOfNullIsNull() throws {
        #expect(try call("SLICE", [null(.array(.string)), int(1), int(2)]) == .null)
    }

    @Test func generateSeries() throws {
        #expect(try call("GENERATE_SERIES", [int(0), int(3)]) == ints(0, 1, 2, 3).0)
        #expect(try call("GENERATE_SERIES", [int(4), int(3)]) == ints(4, 3).0)
        #expect(try call("GENERATE_SERIES", [int(2), int(2)]) == ints(2).0)
        #expect(try call("GENERATE_SERIES", [int(-2), int(1), int(2)]) == ints(-2, 0).0)
        #expect(try call("GENERATE_SERIES", [int(9), int(0), int(-3)]) == ints(9, 6, 3, 0).0)
        #expect(try call("GENERATE_SERIES", [big(1), big(3)]) == .array([.bigint(1), .bigint(2), .bigint(3)]))
        #expect(try returnType("GENERATE_SERIES", [.integer, .bigint]) == .array(.bigint))
        #expect(try call("GENERATE_SERIES", [null(.integer), int(3)]) == .null)
        #expect(
            errorMessage { _ = try call("GENERATE_SERIES", [int(0), int(3), int(0)]) }
                == "GENERATE_SERIES step cannot be zero")
        #expect(
            errorMessage { _ = try call("GENERATE_SERIES", [int(0), int(3), int(-1)]) }
                == "GENERATE_SERIES step has wrong sign")
        #expect(errorMessage { _ = try call("GENERATE_SERIES", [big(0), big(Int64.max)]) } != nil)
    }

    @Test func distinctKeepsFirstOccurrences() throws {
        #expect(try call("ARRAY_DISTINCT", [ints(0, nil, 1, 0, nil, -1)]) == ints(0, nil, 1, -1).0)
        #expect(
            try call(
                "ARRAY_DISTINCT", [array([dec("1.0"), dec("1.0"), dec("1.00")], of: .decimal(precision: 3, scale: 2))])
                == .array([dec("1.0"), dec("1.00")]))
        let maps: [Value] = [
            .map(MapValue([(.string("a"), .integer(1)), (.string("b"), .integer(2))])),
            .map(MapValue([(.string("b"), .integer(2)), (.string("a"), .integer(1))])),
            .null,
        ]
        // Maps are equal regardless of entry order, as Java's HashMap.equals has it.
        #expect(
            try call("ARRAY_DISTINCT", [array(maps, of: .map(key: .string, value: .integer))])
                == .array([maps[0], .null]))
        #expect(try call("ARRAY_DISTINCT", [null(.array(.integer))]) == .null)
    }

    @Test func setOperationsAreNullWhenEitherSideIs() throws {
        #expect(try call("ARRAY_EXCEPT", [ints(0, 0, 1, 0, -1), ints(1, -2)]) == ints(0, -1).0)
        #expect(try call("ARRAY_EXCEPT", [ints(1, nil), ints(nil)]) == ints(1).0)
        #expect(try call("ARRAY_INTERSECT", [ints(0, 0, 1, 0, -1), ints(1, -2, 0)]) == ints(0, 1).0)
        #expect(try call("ARRAY_INTERSECT", [ints(3), ints()]) == ints().0)
        #expect(try call("ARRAY_UNION", [ints(0, 0, 1, 0, -1), ints(1, -2, 0)]) == ints(0, 1, -1, -2).0)
        for name in ["ARRAY_EXCEPT", "ARRAY_INTERSECT", "ARRAY_UNION"] {
            #expect(try call(name, [null(.array(.integer)), ints(1)]) == .null)
            #expect(try call(name, [ints(1), null(.array(.integer))]) == .null)
        }
    }

    @Test func removeDropsEveryEqualElement() throws {
        #expect(try call("ARRAY_REMOVE", [strings("foo", "bar", "foo"), str("foo")]) == stringValues("bar"))
        #expect(try call("ARRAY_REMOVE", [ints(0, nil, 1), null(.integer)]) == ints(0, 1).0)
        #expect(try call("ARRAY_REMOVE", [null(.array(.integer)), int(1)]) == .null)
        let lists = array([ints(1).0, ints(2).0, .null], of: .array(.integer))
        #expect(try call("ARRAY_REMOVE", [lists, ints(1)]) == .array([ints(2).0, .null]))
    }

    @Test func concatTreatsOneNullSideAsEmpty() throws {
        #expect(try call("ARRAY_CONCAT", [ints(1, 2), ints(2)]) == ints(1, 2, 2).0)
        #expect(try call("ARRAY_CONCAT", [null(.array(.integer)), ints(2)]) == ints(2).0)
        #expect(try call("ARRAY_CONCAT", [ints(1), null(.array(.integer))]) == ints(1).0)
        #expect(try call("ARRAY_CONCAT", [null(.array(.integer)), null(.array(.integer))]) == .null)
    }
}

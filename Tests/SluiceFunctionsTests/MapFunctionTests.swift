import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct MapFunctionTests {
    func map(_ entries: [(String, Value)]) -> Value { .map(MapValue(entries.map { (Value.string($0.0), $0.1) })) }

    @Test func asMapPairsKeysWithValuesByPosition() throws {
        #expect(try call("AS_MAP", [strings("a", "b"), ints(1, 2)]) == map([("a", .integer(1)), ("b", .integer(2))]))
        #expect(
            try call("AS_MAP", [strings("a", "b", "c"), ints(1, 2)])
                == map([("a", .integer(1)), ("b", .integer(2)), ("c", .null)]))
        #expect(try call("AS_MAP", [strings("a"), ints(1, 2)]) == map([("a", .integer(1))]))
        #expect(try call("AS_MAP", [strings("a", "a"), ints(1, 2)]) == map([("a", .integer(2))]))
        #expect(try call("AS_MAP", [null(.array(.string)), ints(1)]) == .null)
        #expect(try returnType("AS_MAP", [.array(.string), .array(.double)]) == .map(key: .string, value: .double))
    }

    @Test func keysAndValuesKeepEntryOrder() throws {
        let input = stringMap([("foo", .integer(10)), ("bar", .null)], value: .integer)
        #expect(try call("MAP_KEYS", [input]) == stringValues("foo", "bar"))
        #expect(try call("MAP_VALUES", [input]) == ints(10, nil).0)
        #expect(try call("MAP_KEYS", [null(.map(key: .string, value: .integer))]) == .null)
        #expect(try call("MAP_VALUES", [stringMap([], value: .integer)]) == .array([]))
        #expect(try returnType("MAP_VALUES", [.map(key: .string, value: .array(.integer))]) == .array(.array(.integer)))
    }

    @Test func unionPrefersTheSecondMap() throws {
        let first = stringMap([("foo", .integer(10)), ("bar", .integer(20))], value: .integer)
        let second = stringMap([("foo", .integer(99)), ("apple", .integer(-1))], value: .integer)
        #expect(
            try call("MAP_UNION", [first, second])
                == map([("foo", .integer(99)), ("bar", .integer(20)), ("apple", .integer(-1))]))
        #expect(try call("MAP_UNION", [null(.map(key: .string, value: .integer)), second]) == second.0)
        #expect(try call("MAP_UNION", [first, null(.map(key: .string, value: .integer))]) == first.0)
        #expect(
            try call(
                "MAP_UNION", [null(.map(key: .string, value: .integer)), null(.map(key: .string, value: .integer))])
                == .null)
    }

    @Test func entriesAreStructsOfKeyAndValue() throws {
        let input = stringMap([("K2", .integer(2)), ("K1", .integer(1))], value: .integer)
        #expect(
            try call("ENTRIES", [input, bool(true)])
                == .array([.struct([.string("K1"), .integer(1)]), .struct([.string("K2"), .integer(2)])]))
        #expect(
            try call("ENTRIES", [input, bool(false)])
                == .array([.struct([.string("K2"), .integer(2)]), .struct([.string("K1"), .integer(1)])]))
        #expect(try call("ENTRIES", [null(.map(key: .string, value: .integer)), bool(true)]) == .null)
        #expect(
            try returnType("ENTRIES", [.map(key: .string, value: .double), .boolean])
                == .array(.struct([SQLType.StructField("K", .string), SQLType.StructField("V", .double)])))
    }

    @Test(arguments: [
        (
            "apple:green/banana:yellow/cherry:red", "/", ":",
            [("apple", "green"), ("banana", "yellow"), ("cherry", "red")]
        ),
        ("apple:green/banana:yellow/cherry:red", "&&", ":", [("apple", "green/banana")]),
        ("apple:green//banana:yellow//", "/", ":", [("apple", "green"), ("banana", "yellow")]),
        ("apple:green/banana:yellow", "/", "=", []),
        ("a:1/a:2", "/", ":", [("a", "2")]),
        ("", "/", ":", []),
    ])
    func splitToMap(input: String, entries: String, pairs: String, expected: [(String, String)]) throws {
        #expect(
            try call("SPLIT_TO_MAP", [str(input), str(entries), str(pairs)])
                == map(expected.map { ($0.0, Value.string($0.1)) }))
    }

    @Test func splitToMapNeedsTwoDistinctDelimiters() throws {
        #expect(try call("SPLIT_TO_MAP", [str("a:b"), str(""), str(":")]) == .null)
        #expect(try call("SPLIT_TO_MAP", [str("a:b"), str("/"), str("")]) == .null)
        #expect(try call("SPLIT_TO_MAP", [str("a:b"), str(":"), str(":")]) == .null)
        #expect(try call("SPLIT_TO_MAP", [null(.string), str("/"), str(":")]) == .null)
        #expect(try call("SPLIT_TO_MAP", [str("a:b"), null(.string), str(":")]) == .null)
    }
}

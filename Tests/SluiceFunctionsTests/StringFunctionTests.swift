import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct StringFunctionTests {
    @Test func caseMapping() throws {
        #expect(try call("LCASE", [str("MiXeD")]) == .string("mixed"))
        #expect(try call("UCASE", [str(" \t with white space \t")]) == .string(" \t WITH WHITE SPACE \t"))
        #expect(try call("UCASE", [str("straße")]) == .string("STRASSE"))
        #expect(try call("UCASE", [null(.string)]) == .null)
    }

    @Test func length() throws {
        #expect(try call("LEN", [str("ABC")]) == .integer(3))
        #expect(try call("LEN", [str("")]) == .integer(0))
        #expect(try call("LEN", [str("héllo")]) == .integer(5))
        #expect(try call("LEN", [(.bytes(ByteString("abc")), .bytes)]) == .integer(3))
        #expect(try call("LEN", [null(.string)]) == .null)
    }

    @Test func trimmingDropsControlCharactersAndSpaces() throws {
        #expect(try call("TRIM", [str(" \t with white space \t")]) == .string("with white space"))
        #expect(try call("LTRIM", [str("  a b  ")]) == .string("a b  "))
        #expect(try call("RTRIM", [str("  a b  ")]) == .string("  a b"))
        #expect(try call("TRIM", [str("   ")]) == .string(""))
    }

    @Test(arguments: [
        ("some_string", 6 as Int32, nil as Int32?, "string"), ("another", 6, nil, "er"), ("short", 6, nil, ""),
        ("some_string", 6, 3, "str"), ("long enough", 2, 5, "ong e"), ("s", 2, 5, ""), ("some string", 0, 2, "so"),
        ("hello", -3, nil, "llo"), ("hello", -10, 2, "he"), ("hello", 2, -1, ""), ("héllo wörld", 2, 4, "éllo"),
    ])
    func substring(input: String, position: Int32, length: Int32?, expected: String) throws {
        let arguments = [str(input), int(position)] + (length.map { [int($0)] } ?? [])
        #expect(try call("SUBSTRING", arguments) == .string(expected))
    }

    @Test func substringOfBytesAndNulls() throws {
        #expect(
            try call("SUBSTRING", [(.bytes(ByteString("some_string")), .bytes), int(6), int(3)])
                == .bytes(ByteString("str")))
        #expect(try call("SUBSTRING", [str("abc"), null(.integer)]) == .null)
        #expect(try call("SUBSTRING", [null(.string), int(1)]) == .null)
    }

    @Test(arguments: [
        ("corporate floor", 1 as Int32, 1 as Int32, 2 as Int32), ("should I stay or should I go", 1, 1, 15),
        ("short", 1, 1, 3), ("no substring", 1, 1, 0), ("corporate floor", 4, 1, 5), ("short", 4, 1, 0),
        ("corporate floor", 4, 2, 14), ("corporate floor", -4, 1, 5), ("corporate floor", -4, 2, 2),
        ("short", -4, 2, 0),
        ("aaa", 1, 2, 2), ("abc", 9, 1, 0),
    ])
    func instr(input: String, position: Int32, occurrence: Int32, expected: Int32) throws {
        let needle = input == "aaa" ? "aa" : "or"
        #expect(try call("INSTR", [str(input), str(needle), int(position), int(occurrence)]) == .integer(expected))
    }

    @Test func instrDefaultsAndNulls() throws {
        #expect(try call("INSTR", [str("corporate floor"), str("or")]) == .integer(2))
        #expect(try call("INSTR", [str("corporate floor"), str("or"), int(4)]) == .integer(5))
        #expect(try call("INSTR", [null(.string), str("or")]) == .integer(0))
    }

    @Test func padding() throws {
        #expect(try call("LPAD", [str("abc"), int(7), str("xy")]) == .string("xyxyabc"))
        #expect(try call("RPAD", [str("abc"), int(6), str("xy")]) == .string("abcxyx"))
        #expect(try call("LPAD", [str("hello"), int(3), str("x")]) == .string("hel"))
        #expect(try call("RPAD", [str("hello"), int(3), str("x")]) == .string("hel"))
        #expect(try call("LPAD", [str("abc"), int(-1), str("x")]) == .null)
        #expect(try call("RPAD", [str("abc"), int(5), str("")]) == .null)
        #expect(
            try call("LPAD", [(.bytes(ByteString("ab")), .bytes), int(4), (.bytes(ByteString("x")), .bytes)])
                == .bytes(ByteString("xxab")))
    }

    @Test func splitting() throws {
        #expect(
            try call("SPLIT", [str("a,,b,"), str(",")])
                == .array([.string("a"), .string(""), .string("b"), .string("")]))
        #expect(try call("SPLIT", [str("abc"), str("")]) == .array([.string("a"), .string("b"), .string("c")]))
        #expect(try call("SPLIT", [str("a.b"), str(".")]) == .array([.string("a"), .string("b")]))
        #expect(try call("SPLIT", [str("abc"), str("x")]) == .array([.string("abc")]))
        #expect(try call("SPLIT", [str("abc"), null(.string)]) == .null)
    }

    @Test func initcap() throws {
        #expect(try call("INITCAP", [str("some_string")]) == .string("Some_string"))
        #expect(try call("INITCAP", [str("the   Quick br0wn fOx")]) == .string("The   Quick Br0wn Fox"))
        #expect(try call("INITCAP", [str("  leading")]) == .string("Leading"))
        #expect(try call("INITCAP", [null(.string)]) == .null)
    }

    @Test func replace() throws {
        #expect(try call("REPLACE", [str("anaconda"), str("a"), str("o")]) == .string("onocondo"))
        #expect(try call("REPLACE", [str("popcorn"), str("a"), str("o")]) == .string("popcorn"))
        #expect(try call("REPLACE", [str("aaa"), str("aa"), str("b")]) == .string("ba"))
        #expect(try call("REPLACE", [str("ab"), str(""), str("-")]) == .string("-a-b-"))
        #expect(try call("REPLACE", [str("abc"), null(.string), str("o")]) == .null)
    }

    @Test func concatenation() throws {
        #expect(try call("CONCAT", [str("a"), str("b")]) == .string("ab"))
        #expect(try call("CONCAT", [str("a"), null(.string), str("c")]) == .string("ac"))
        #expect(try call("CONCAT", [null(.string), null(.string)]) == .string(""))
        #expect(
            errorMessage { _ = try call("CONCAT", [str("a")]) } == "Concat should have at least two input arguments.")
        #expect(try call("CONCAT_WS", [str(", "), str("a"), null(.string), str("b")]) == .string("a, b"))
        #expect(try call("CONCAT_WS", [null(.string), str("a"), str("b")]) == .null)
        #expect(
            try call("CONCAT", [(.bytes(ByteString("a")), .bytes), (.bytes(ByteString("b")), .bytes)])
                == .bytes(ByteString("ab")))
    }

    @Test func masking() throws {
        #expect(try call("MASK", [str("Abc-12 é")]) == .string("Xxx-nn-x"))
        #expect(try call("MASK", [str("Abc1"), str("U"), null(.string), str("#"), str("*")]) == .string("Ubc#"))
        #expect(try call("MASK_LEFT", [str("Abc1"), int(2)]) == .string("Xxc1"))
        #expect(try call("MASK_RIGHT", [str("Abc1"), int(2)]) == .string("Abxn"))
        #expect(try call("MASK_KEEP_LEFT", [str("Abc1"), int(2)]) == .string("Abxn"))
        #expect(try call("MASK_KEEP_RIGHT", [str("Abc1"), int(10)]) == .string("Abc1"))
        #expect(
            errorMessage { _ = try call("MASK_LEFT", [str("a"), int(-1)]) }
                == "function mask_left requires a non-negative number of characters to mask or skip")
        #expect(
            errorMessage { _ = try call("MASK", [str("a"), str("UU"), null(.string), null(.string), null(.string)]) }
                != nil)
    }

    @Test func characters() throws {
        #expect(try call("CHR", [int(75)]) == .string("K"))
        #expect(try call("CHR", [int(0x1F600)]) == .string("😀"))
        #expect(try call("CHR", [int(-1)]) == .null)
        #expect(try call("CHR", [str("\\u004b")]) == .string("K"))
        #expect(try call("CHR", [str("\\ud83d\\ude00")]) == .string("😀"))
        #expect(try call("CHR", [str("004b")]) == .null)
    }

    @Test func uuids() throws {
        guard case .string(let first) = try call("UUID", []), case .string(let second) = try call("UUID", []) else {
            Issue.record("UUID returned no string")
            return
        }
        let text = first.string
        #expect(text.count == 36)
        #expect(Array(text)[14] == "4")
        #expect(first != second)
    }
}

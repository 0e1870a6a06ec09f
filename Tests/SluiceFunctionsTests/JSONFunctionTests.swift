import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct JSONFunctionTests {
    @Test func toJSONStringOfPrimitives() throws {
        #expect(try call("TO_JSON_STRING", [int(1)]) == .string("1"))
        #expect(try call("TO_JSON_STRING", [null(.integer)]) == .string("null"))
        #expect(try call("TO_JSON_STRING", [str("a\"b\n")]) == .string(#""a\"b\n""#))
        #expect(try call("TO_JSON_STRING", [dbl(123.456)]) == .string("123.456"))
        #expect(try call("TO_JSON_STRING", [dbl(1e10)]) == .string("1.0E10"))
        #expect(try call("TO_JSON_STRING", [dbl(.nan)]) == .string(#""NaN""#))
        #expect(try call("TO_JSON_STRING", [(dec("123.456"), .decimal(precision: 6, scale: 3))]) == .string("123.456"))
        #expect(try call("TO_JSON_STRING", [bytes([0x21])]) == .string(#""IQ==""#))
        #expect(try call("TO_JSON_STRING", [(.time(60_220_000), .time)]) == .string(#""16:43:40""#))
        #expect(try call("TO_JSON_STRING", [(.date(1000), .date)]) == .string(#""1972-09-27""#))
        #expect(
            try call("TO_JSON_STRING", [(.timestamp(60_220_000_000), .timestamp)])
                == .string(#""1971-11-28T23:46:40.000""#))
    }

    @Test func toJSONStringSortsStructFieldsAndMapKeys() throws {
        let type = SQLType.struct([.init("NAME", .string), .init("ID", .integer), .init("TAGS", .array(.integer))])
        let value = Value.struct([.string("Alice"), .integer(1), .null])
        #expect(try call("TO_JSON_STRING", [(value, type)]) == .string(#"{"ID":1,"NAME":"Alice","TAGS":null}"#))
        let map = stringMap([("b", ints(1, 2).0), ("a", .null)], value: .array(.integer))
        #expect(try call("TO_JSON_STRING", [map]) == .string(#"{"a":null,"b":[1,2]}"#))
    }

    @Test func toJSONStringWrapsLongBytesAsMIMEBase64() throws {
        let text = try call("TO_JSON_STRING", [bytes(Array(repeating: 0, count: 60))])
        #expect(text.byteStringValue?.string.contains(#"\r\n"#) == true)
    }

    @Test func extractJSONField() throws {
        let document = str(
            #"{"city": "London", "n": 1.50, "list": [{"a": 1}, {"a": [true, null]}], "x.y": {"z": null}}"#)
        #expect(try call("EXTRACTJSONFIELD", [document, str("$.city")]) == .string("London"))
        #expect(try call("EXTRACTJSONFIELD", [document, str("$.n")]) == .string("1.50"))
        #expect(try call("EXTRACTJSONFIELD", [document, str("$.list[1].a")]) == .string("[true,null]"))
        #expect(try call("EXTRACTJSONFIELD", [document, str("$.list[0]")]) == .string(#"{"a":1}"#))
        #expect(try call("EXTRACTJSONFIELD", [document, str(#"$["x.y"].z"#)]) == .string("null"))
        #expect(try call("EXTRACTJSONFIELD", [document, str("$.list[5]")]) == .null)
        #expect(try call("EXTRACTJSONFIELD", [document, str("$.list.a")]) == .null)
        #expect(try call("EXTRACTJSONFIELD", [document, str("$.missing")]) == .null)
        #expect(try callRowByRow("EXTRACTJSONFIELD", [document, str("$.city")]) == .string("London"))
        #expect(try call("EXTRACTJSONFIELD", [null(.string), str("$.city")]) == .null)
        #expect(
            errorMessage { _ = try call("EXTRACTJSONFIELD", [document, str("city")]) } == "Invalid JSON path: 'city'")
        #expect(errorMessage { _ = try call("EXTRACTJSONFIELD", [str("{"), str("$.a")]) } == "Invalid JSON format:{")
    }

    @Test func isJSONString() throws {
        for (text, valid) in [
            ("1", true), ("abc", false), ("[1, 2, 3]", true), ("\"abc\"", true), ("", false), ("  ", false),
        ] {
            #expect(try call("IS_JSON_STRING", [str(text)]) == .boolean(valid))
        }
        #expect(try call("IS_JSON_STRING", [null(.string)]) == .boolean(false))
    }

    @Test func parsingFollowsJacksonDefaults() throws {
        // Content after the first value is ignored; comments are not JSON.
        for (text, valid) in [
            ("[1] x", true), ("1 2", true), (#"{"a": "http://x/y"}}"#, true), ("1x", false), ("/* c */ 1", false),
            ("[1, // c\n 2]", false), ("]", false),
        ] {
            #expect(try call("IS_JSON_STRING", [str(text)]) == .boolean(valid))
        }
        #expect(try call("JSON_ARRAY_LENGTH", [str("[1, 2] [3]")]) == .integer(2))
    }

    @Test func arrayContainsMatchesByJSONType() throws {
        let colors = str(#"["Pink", null, 1, 2.5, true, [3]]"#)
        #expect(try call("JSON_ARRAY_CONTAINS", [colors, str("Pink")]) == .boolean(true))
        #expect(try call("JSON_ARRAY_CONTAINS", [colors, int(1)]) == .boolean(true))
        #expect(try call("JSON_ARRAY_CONTAINS", [colors, big(1)]) == .boolean(true))
        #expect(try call("JSON_ARRAY_CONTAINS", [colors, dbl(1.0)]) == .boolean(false))
        #expect(try call("JSON_ARRAY_CONTAINS", [colors, dbl(2.5)]) == .boolean(true))
        #expect(try call("JSON_ARRAY_CONTAINS", [colors, bool(true)]) == .boolean(true))
        #expect(try call("JSON_ARRAY_CONTAINS", [colors, int(3)]) == .boolean(false))
        #expect(try call("JSON_ARRAY_CONTAINS", [colors, null(.string)]) == .boolean(true))
        #expect(try call("JSON_ARRAY_CONTAINS", [str(#"{"a": 1}"#), int(1)]) == .boolean(false))
        #expect(try call("JSON_ARRAY_CONTAINS", [str("[1,"), int(1)]) == .boolean(false))
        #expect(try call("JSON_ARRAY_CONTAINS", [str("[99999999999]"), int(1)]) == .boolean(false))
        #expect(try call("JSON_ARRAY_CONTAINS", [null(.string), int(1)]) == .null)
    }

    @Test func arrayLengthKeysAndRecords() throws {
        #expect(try call("JSON_ARRAY_LENGTH", [str("[1, [2, 3]]")]) == .integer(2))
        #expect(try call("JSON_ARRAY_LENGTH", [str("{}")]) == .null)
        #expect(try call("JSON_ARRAY_LENGTH", [str("")]) == .null)
        #expect(try call("JSON_KEYS", [str(#"{"Red": 3, "Green": 5, "Red": 4}"#)]) == stringValues("Red", "Green"))
        #expect(try call("JSON_KEYS", [str("[1]")]) == .null)
        let records = try call("JSON_RECORDS", [str(#"{"a": "Seven", "b": {"c": 1e2}, "d": null}"#)])
        #expect(
            records
                == .map(
                    MapValue([
                        (.string("a"), .string("Seven")), (.string("b"), .string(#"{"c":1E+2}"#)),
                        (.string("d"), .string("null")),
                    ])))
        #expect(try call("JSON_RECORDS", [str("3")]) == .null)
        #expect(errorMessage { _ = try call("JSON_KEYS", [str("{")]) } == "Invalid JSON format:{")
    }

    @Test func itemsAreTheObjectsOfAnArray() throws {
        #expect(
            try call("JSON_ITEMS", [str(#"[{"type": "A"}, {"type": "B"}]"#)])
                == stringValues(#"{"type":"A"}"#, #"{"type":"B"}"#))
        #expect(try call("JSON_ITEMS", [str("[]")]) == .array([]))
        #expect(try call("JSON_ITEMS", [str(#"[{"a": 1}, 2]"#)]) == .null)
        #expect(errorMessage { _ = try call("JSON_ITEMS", [str("{}")]) } == "Provided JSON string is not an array")
    }

    @Test(
        arguments: [
            ([#"{"a": 1}"#, #"{"b": 2}"#], #"{"a":1,"b":2}"#),
            ([#"{"a": {"5": 6}}"#, #"{"a": {"3": 4}}"#], #"{"a":{"3":4}}"#),
            (["[1, 2]", "[3, 4]"], "[1,2,3,4]"),
            (["null", "null"], "[null,null]"),
            (["[1, 2]", #"{"a": 1}"#, "4"], #"[1,2,{"a":1},4]"#),
            (["[1, [2]]", "[[[3]], [[[4]]]]"], "[1,[2],[[3]],[[[4]]]]"),
            (["1e3", "[]"], "[1000]"),
            (["1", ""], nil), (["", "1"], nil), (["{", "1"], nil),
        ] as [([String], String?)])
    func concat(inputs: [String], expected: String?) throws {
        let result = try? call("JSON_CONCAT", inputs.map(str))
        #expect(result == (expected.map { .string($0) } ?? (inputs.contains("{") ? nil : .null)))
    }

    @Test func concatOfNullIsNull() throws {
        #expect(try call("JSON_CONCAT", [null(.string), str("[]")]) == .null)
    }
}

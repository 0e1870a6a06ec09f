import SluiceCore
import SluiceFormats
import Testing

@Suite struct JSONValueTests {
    @Test func parsesWithCommentsAndKeepsNumbersExact() throws {
        let text = """
            // a QTT file
            {
              "tests": [ /* one */ {"n": 1.10, "big": 998877665544332211998877, "neg": -0.5e-3}],
              "ok": true, "none": null, "s": "a\\u00e9\\n"
            }
            """
        let value = try JSONValue.parse(text)
        let test = try #require(value["tests"]?.arrayValue?.first)
        #expect(test["n"] == .number("1.10"))
        #expect(test["big"]?.numberText == "998877665544332211998877")
        #expect(test["neg"]?.doubleValue == -0.0005)
        #expect(value["ok"] == true)
        #expect(value["none"] == .null)
        #expect(value["s"]?.stringValue == "aé\n")
        #expect(value.objectValue?.keys == ["tests", "ok", "none", "s"])
    }

    @Test(arguments: [
        ("{\"a\": 1,\n  \"b\": }", "2:8: expected a value, found '}'"),
        ("[1, 2", "1:6: expected ',' or ']', found end of input"),
        ("{\"a\" 1}", "1:6: expected ':' after a field name"),
        ("\"abc", "1:1: unterminated string"),
        ("[01]", "1:2: leading zeros are not allowed in a number"),
        ("/* open", "1:1: unterminated comment"),
        ("{} x", "1:4: unexpected content after the JSON value"),
        ("\"é\" é", "1:5: unexpected content after the JSON value"),
        ("\"\t\"", "1:2: control character 9 must be escaped in a string"),
        ("[\"\\x\"]", "1:3: invalid escape '\\x'"),
    ])
    func reportsErrorsWithLineAndColumn(text: String, message: String) {
        do {
            _ = try JSONValue.parse(text)
            Issue.record("parsed \(text)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func accessorsAndEditing() throws {
        var object = try #require(try JSONValue.parse(#"{"Id": 7, "flag": false, "id": 8}"#).objectValue)
        #expect(object["id"]?.int64Value == 8)
        #expect(object.value(caseInsensitiveKey: "ID") == .number("8"))
        #expect(object.value(caseInsensitiveKey: "FLAG")?.boolValue == false)
        object["flag"] = nil
        object["new"] = "x"
        #expect(object.keys == ["Id", "id", "new"])
        #expect(JSONValue.number(-3).numberText == "-3")
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }

    @Test func printsCompactAndPretty() throws {
        let value: JSONValue = ["b": [1, true, nil], "a": "x\"y", "e": [:], "f": []]
        #expect(value.compactText == #"{"b":[1,true,null],"a":"x\"y","e":{},"f":[]}"#)
        #expect(value.prettyText() == """
            {
              "b": [
                1,
                true,
                null
              ],
              "a": "x\\"y",
              "e": {},
              "f": []
            }
            """)
        #expect(try JSONValue.parse(value.prettyText()) == value)
    }

    @Test func convertsToValuesWithTheJSONFormatsCoercions() throws {
        #expect(try JSONValue.number("12").toValue(.integer) == .integer(12))
        #expect(try JSONValue.string("12").toValue(.bigint) == .bigint(12))
        #expect(try JSONValue.number("1.5").toValue(.decimal(precision: 4, scale: 2)) == decimal("1.50"))
        #expect(try JSONValue.string("dmFyaWF0aW9ucw==").toValue(.bytes) == .bytes(ByteString("variations")))
        #expect(try JSONValue.null.toValue(.string) == .null)
        let type = SQLType.struct([.init("ID", .bigint), .init("TAGS", .array(.string))])
        #expect(try (["id": 1, "tags": ["a"]] as JSONValue).toValue(type) == .struct([.bigint(1), .array([.string("a")])]))
        #expect(throws: SerdeError.self) { try JSONValue.bool(true).toValue(.integer) }
    }

    @Test func convertsFromValuesAsTheJSONFormatWrites() {
        #expect(JSONValue(decimal("10.0000"), type: .decimal(precision: 6, scale: 4)) == .number("10.0000"))
        #expect(JSONValue(.double(1e10), type: .double) == .number("1.0E10"))
        #expect(JSONValue(.double(.nan), type: .double) == .string("NaN"))
        #expect(JSONValue(.bytes(ByteString("!")), type: .bytes) == .string("IQ=="))
        #expect(JSONValue(.timestamp(5), type: .timestamp) == .number("5"))
        let type = SQLType.struct([.init("A", .integer), .init("m", .map(key: .string, value: .boolean))])
        let value = Value.struct([.integer(1), .map(MapValue([(.string("k"), .boolean(true))]))])
        #expect(JSONValue(value, type: type) == ["A": 1, "m": ["k": true]])
        #expect(JSONValue(.array([.null, .string("é")]), type: .array(.string)) == [nil, "é"])
    }
}

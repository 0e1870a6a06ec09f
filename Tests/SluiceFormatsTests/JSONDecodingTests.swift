import SluiceCore
import SluiceFormats
import Testing

@Suite struct JSONDecodingTests {
    @Test func decodesABidWithCaseInsensitiveKeys() throws {
        let row = try #require(try decode(sampleBid, bidColumns))
        #expect(row[0] == .bigint(1000))
        #expect(row[1] == .bigint(2001))
        #expect(row[2] == .bigint(123_456))
        #expect(row[3] == .string("Google"))
        #expect(row[4] == .string("https://www.nexmark.com/abc/def/ghi/item.htm?query=1&channel_id=123"))
        #expect(row[5] == .string("2023-11-14 22:13:20.000"))
        #expect(row[6].isNull == false)
    }

    @Test func missingFieldsAreNullAndUnknownFieldsAreSkipped() throws {
        let columns = [Column("A", .integer), Column("B", .string), Column("C", .double)]
        let text = #"{"x": {"deep": [1, {"y": "}"}, [[]]]}, "b": "two", "z": [true, false, null, -1.5e3]}"#
        #expect(try decode(text, columns) == [.null, .string("two"), .null])
    }

    @Test func fieldsMayComeInAnyOrderWithWhitespace() throws {
        let columns = [Column("A", .integer), Column("B", .string)]
        let text = " \n{ \"B\" :\t\"x\" ,\r\n \"A\" : 7 }  "
        #expect(try decode(text, columns) == [.integer(7), .string("x")])
    }

    @Test func exactNamesWinOverCaseInsensitiveOnes() throws {
        let columns = [Column("FOO", .integer)]
        #expect(try decode(#"{"foo": 1, "FOO": 2}"#, columns) == [.integer(2)])
        #expect(try decode(#"{"FOO": 2, "foo": 1}"#, columns) == [.integer(2)])
        #expect(try decode(#"{"foo": 1, "Foo": 3}"#, columns) == [.integer(3)])
    }

    @Test func aBadCaseInsensitiveValueIsForgivenWhenAnExactOneFollows() throws {
        let columns = [Column("FOO", .integer)]
        #expect(try decode(#"{"foo": "nope", "FOO": 2}"#, columns) == [.integer(2)])
        let error = serdeError { try decode(#"{"foo": "nope"}"#, columns) }
        #expect(error?.description == "Can't coerce string to type. targetType: INTEGER, path: $.FOO")
    }

    @Test func quotedLowerCaseNamesMatchOnlyExactly() throws {
        let columns = [Column("name", .string), Column("NAME", .string)]
        #expect(try decode(#"{"name": "a"}"#, columns) == [.string("a"), .string("a")])
        #expect(try decode(#"{"NAME": "b"}"#, columns) == [.null, .string("b")])
        #expect(try decode(#"{"Name": "c"}"#, columns) == [.null, .string("c")])
    }

    @Test func keysWithEscapesAndUnicodeMatch() throws {
        let columns = [Column("ÉTÉ", .integer), Column("A", .integer)]
        #expect(try decode(#"{"\u0041": 1, "été": 2}"#, columns) == [.integer(2), .integer(1)])
    }

    @Test func nullAndNoBytesAreTombstones() throws {
        #expect(try decode("null", bidColumns) == nil)
        #expect(try decode(" null ", bidColumns) == nil)
        #expect(try decode(nil, bidColumns) == nil)
    }

    @Test func anUnwrappedValueIsTheBareValue() throws {
        let format = FormatSpec(.json, wrapSingleValue: false)
        #expect(try decode("true", [Column("V", .boolean)], format: format) == [.boolean(true)])
        #expect(try decode("10.10", [Column("V", .decimal(precision: 4, scale: 2))], format: format) == [decimal("10.10")])
        #expect(try decode(#"["a", null]"#, [Column("V", .array(.string))], format: format) == [.array([.string("a"), .null])])
        #expect(try decode("[1, 2, 3]", [Column("V", .array(.string))], format: format)
            == [.array([.string("1"), .string("2"), .string("3")])])
        #expect(try decode(#"{"a": 1}"#, [Column("V", .struct([.init("A", .double)]))], format: format) == [.struct([.double(1)])])
        #expect(try decode("null", [Column("V", .string)], format: format) == nil)
    }

    @Test func aSingleKeyColumnIsUnwrappedAndSeveralAreAnObject() throws {
        #expect(try decode("33", [Column("K", .integer, kind: .key)], isKey: true) == [.integer(33)])
        #expect(try decode(#"{"f": 45.67}"#, [Column("K", .struct([.init("F", .double)]), kind: .key)], isKey: true)
            == [.struct([.double(45.67)])])
        let keys = [Column("K", .integer, kind: .key), Column("K2", .integer, kind: .key)]
        #expect(try decode(#"{"K": null, "K2": 2}"#, keys, isKey: true) == [.null, .integer(2)])
        #expect(try decode(nil, keys, isKey: true) == nil)
    }

    @Test func aRecordThatIsNotAnObjectIsRejected() {
        let error = serdeError { try decode("5", [Column("A", .integer), Column("B", .string)]) }
        #expect(error?.description == "Can't convert type. sourceType: IntNode, requiredType: STRUCT<`A` INTEGER, `B` STRING>, path: $")
    }

    @Test func trailingContentIsIgnoredAsJacksonDoes() throws {
        #expect(try decode(#"{"A": 1} garbage"#, [Column("A", .integer)]) == [.integer(1)])
    }

    @Test(arguments: [
        (#"{"A": 1,}"#, "Invalid JSON: unexpected character ('}' (code 125)): expected a field name"),
        (#"{"A": 1"#, "Invalid JSON: unexpected end-of-input: expected close marker for OBJECT"),
        (#"{"A": 01}"#, "Invalid JSON: invalid numeric value: leading zeroes not allowed"),
        (#"{"A": 1.}"#, "Invalid JSON: invalid numeric value: decimal point not followed by a digit"),
        (#"{"A": tru}"#, "Invalid JSON: unrecognized token: expected true"),
        (#"{"B": "a\qb"}"#, "Invalid JSON: unrecognized character escape (code 113)"),
        ("{\"B\": \"a\nb\"}", "Invalid JSON: illegal unquoted character (code 10): has to be escaped in a string"),
        (#"{"B": "abc"#, "Invalid JSON: unexpected end-of-input in a string"),
        ("", "Invalid JSON: unexpected end-of-input: expected a value"),
        (#"{"A" 1}"#, "Invalid JSON: unexpected character ('1' (code 49)): expected ':'"),
        (#"{"A": "x", "B": [}"#, "Invalid JSON: unexpected character ('}' (code 125)): expected a value"),
    ])
    func malformedJSONIsRejected(text: String, message: String) {
        let error = serdeError { try decode(text, [Column("A", .integer), Column("B", .string)]) }
        #expect(error?.description == message)
    }

    @Test func invalidUTF8IsRejected() {
        let bytes: [UInt8] = Array(#"{"B": "a"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let error = serdeError { try decode(bytes: bytes, [Column("B", .string)], format: .json) }
        #expect(error?.reason == "Invalid JSON: invalid UTF-8 byte (code 195)")
    }

    @Test func escapesAreDecoded() throws {
        let text = #"{"B": "tab\tquote\"slash\/u\u00e9 pair\ud83d\ude00 lone\ud800!"}"#
        #expect(try decode(text, [Column("B", .string)]) == [.string("tab\tquote\"slash/ué pair😀 lone\u{FFFD}!")])
    }

    @Test func nestingBeyondTheLimitIsRejectedWithoutCrashing() {
        let deep = #"{"X": "# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
        let error = serdeError { try decode(deep, [Column("A", .integer)]) }
        #expect(error?.reason == "Invalid JSON: document nesting depth exceeds the maximum allowed (1000)")
        let asText = #"{"A": "# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
        #expect(serdeError { try decode(asText, [Column("A", .string)]) } != nil)
    }

    @Test func deepValuesWithinTheLimitAreSkipped() throws {
        let open = (0..<900).map { $0 % 2 == 0 ? #"{"k": "# : "[" }.joined()
        let close = (0..<900).reversed().map { $0 % 2 == 0 ? "}" : "]" }.joined()
        let text = #"{"X": "# + open + "1" + close + #", "A": 7}"#
        #expect(try decode(text, [Column("A", .integer)]) == [.integer(7)])
        let unbalanced = #"{"X": "# + open + "1" + close.dropLast(2) + "}}" + #", "A": 7}"#
        #expect(serdeError { try decode(unbalanced, [Column("A", .integer)]) } != nil)
    }

    @Test func errorsNameTheirPath() {
        let columns = [Column("ITEMS", .array(.struct([.init("PRICE", .bigint)])))]
        let error = serdeError { try decode(#"{"items": [{"price": 1}, {"price": true}]}"#, columns) }
        #expect(error?.description == "Can't convert type. sourceType: BooleanNode, requiredType: BIGINT, path: $.ITEMS[1].PRICE")
        let map = [Column("M", .map(key: .string, value: .integer))]
        let mapError = serdeError { try decode(#"{"M": {"k": [1]}}"#, map) }
        #expect(mapError?.description == "Can't convert type. sourceType: ArrayNode, requiredType: INTEGER, path: $.M.k.value")
        #expect(mapError?.processingLogMessage(isKey: false, topic: "t")
            == "Failed to deserialize value from topic: t. Can't convert type. sourceType: ArrayNode, requiredType: INTEGER, path: $.M.k.value")
    }

    @Test func nestedStructsMatchFieldsCaseInsensitively() throws {
        let type = SQLType.struct([
            .init("ITEMID", .bigint), .init("CATEGORY", .struct([.init("ID", .bigint), .init("NAME", .string)])),
        ])
        let text = #"{"S": {"category": {"name": "Food"}, "itemid": 6, "other": 1}}"#
        #expect(try decode(text, [Column("S", type)]) == [.struct([.bigint(6), .struct([.null, .string("Food")])])])
    }

    @Test func columnsGoToTheirSlots() throws {
        let decoder = try Serdes.makeDecoder(format: .json, columns: [Column("A", .integer), Column("B", .string)], isKey: false, slots: [3, 1])
        var row = [Value](repeating: .boolean(true), count: 4)
        var arena = ByteArena(chunkSize: 64)
        let present = try row.withUnsafeMutableBufferPointer { slots in
            try Array(#"{"A": 5}"#.utf8).withUnsafeBytes { raw in try decoder.decode(raw, into: slots, arena: &arena) }
        }
        #expect(present)
        #expect(row == [.boolean(true), .null, .boolean(true), .integer(5)])
        #expect(try decoder.decodeRow(Array(#"{"b": "x"}"#.utf8), arena: &arena) == [.null, .string("x")])
    }

    @Test func wideRowsTrackEveryField() throws {
        let columns = (0..<70).map { Column("C\($0)", .integer) }
        let text = "{" + (0..<70).reversed().filter { $0 != 42 }.map { "\"c\($0)\": \($0)" }.joined(separator: ", ") + ", \"C7\": 700}"
        let row = try #require(try decode(text, columns))
        #expect(row[0] == .integer(0))
        #expect(row[7] == .integer(700))
        #expect(row[42] == .null)
        #expect(row[69] == .integer(69))
    }

    @Test func mapsKeepTheirEntries() throws {
        let text = #"{"M": {"b": 2, "a": null, "c": "3"}}"#
        let row = try decode(text, [Column("M", .map(key: .string, value: .integer))])
        #expect(row == [.map(MapValue([(.string("b"), .integer(2)), (.string("a"), .null), (.string("c"), .integer(3))]))])
    }

    @Test func skippedColumnsAreSteppedOverAndTheirSlotsLeftAlone() throws {
        let decoder = try Serdes.makeDecoder(
            format: .json, columns: bidColumns, isKey: false, slots: Array(0..<7), skipping: [3, 4, 6])
        var arena = ByteArena(chunkSize: 64)
        func decodeInto(_ text: String) throws -> [Value] {
            var row = [Value](repeating: .boolean(true), count: 7)
            _ = try row.withUnsafeMutableBufferPointer { slots in
                try Array(text.utf8).withUnsafeBytes { raw in try decoder.decode(raw, into: slots, arena: &arena) }
            }
            return row
        }
        let row = try decodeInto(sampleBid)
        #expect(row[0] == .bigint(1000) && row[1] == .bigint(2001) && row[2] == .bigint(123_456))
        #expect(row[3] == .boolean(true) && row[4] == .boolean(true) && row[6] == .boolean(true))
        #expect(row[5] == .string("2023-11-14 22:13:20.000"))
        // A skipped STRING column takes any value, as a read one would.
        let mistyped = try decodeInto(#"{"auction": 1, "channel": {"a": [1, 2]}, "DATETIME": "t", "url": 5}"#)
        #expect(mistyped == [.bigint(1), .null, .null, .boolean(true), .boolean(true), .string("t"), .boolean(true)])
        #expect(serdeError { try decodeInto(#"{"auction": 1, "channel": [1, }"#) } != nil)
        // A skipped column whose value does not convert fails the record, as ksqlDB decodes every column.
        let skipsBidder = try Serdes.makeDecoder(
            format: .json, columns: bidColumns, isKey: false, slots: Array(0..<7), skipping: [1])
        #expect(serdeError { _ = try skipsBidder.decodeRow(Array(#"{"auction": 1, "bidder": "x"}"#.utf8), arena: &arena) } != nil)
        #expect(serdeError { _ = try skipsBidder.decodeRow(Array(#"{"auction": 1, "BIDDER": "x"}"#.utf8), arena: &arena) } != nil)
        #expect(try skipsBidder.decodeRow(Array(#"{"auction": 1, "bidder": "7"}"#.utf8), arena: &arena)?[1] == .null)
        // An exact name wins over a case-insensitive match of a skipped column, and the other way round.
        let exact = try Serdes.makeDecoder(
            format: .json, columns: [Column("FOO", .integer), Column("foo", .integer)], isKey: false, skipping: [1])
        #expect(try exact.decodeRow(Array(#"{"foo": 1}"#.utf8), arena: &arena) == [.integer(1), .null])
        #expect(try exact.decodeRow(Array(#"{"foo": 1, "FOO": 2}"#.utf8), arena: &arena) == [.integer(2), .null])
        let skippedUpper = try Serdes.makeDecoder(
            format: .json, columns: [Column("FOO", .integer), Column("foo", .integer)], isKey: false, skipping: [0])
        #expect(try skippedUpper.decodeRow(Array(#"{"FOO": 1, "foo": 3}"#.utf8), arena: &arena) == [.null, .integer(3)])
    }

    /// Integers of every length, signs, leading zeros and what may follow them, near the end of
    /// the input and away from it (the word-at-a-time path needs eight readable bytes).
    @Test func integersOfEveryLengthDecode() throws {
        let columns = [Column("N", .bigint), Column("PAD", .string)]
        var digits = ""
        for length in 1...19 {
            digits += String(length % 10)
            let expected = Int64(digits).map { Value.bigint($0) }
            for text in [#"{"N": \#(digits), "PAD": "xxxxxxxx"}"#, #"{"PAD": "x", "N": \#(digits)}"#] {
                let row = try decode(text, columns)
                #expect(row?[0] == expected ?? row?[0], "\(text)")
            }
            let negative = try decode(#"{"N": -\#(digits), "PAD": ""}"#, columns)
            #expect(negative?[0] == Int64("-" + digits).map { Value.bigint($0) } ?? negative?[0])
        }
        #expect(try decode(#"{"N": 0, "PAD": "xxxxxxxx"}"#, columns)?[0] == .bigint(0))
        #expect(try decode(#"{"N": 1234567.5, "PAD": ""}"#, columns)?[0] == .bigint(1_234_567))
        #expect(try decode(#"{"N": 12e2, "PAD": "xxxxxxxx"}"#, columns)?[0] == .bigint(1200))
        #expect(try decode(#"{"N": 12345678e1, "PAD": ""}"#, columns)?[0] == .bigint(123_456_780))
        #expect(serdeError { try decode(#"{"N": 0123, "PAD": "xxxxxxxx"}"#, columns) } != nil)
        #expect(serdeError { try decode(#"{"N": 12x4, "PAD": "xxxxxxxx"}"#, columns) } != nil)
        #expect(serdeError { try decode(#"{"N": -, "PAD": "xxxxxxxx"}"#, columns) } != nil)
    }

    /// Text of every length, plain, with an escape or with a non-ASCII character at each
    /// position, as the last field (little input left after it) and before another; and text
    /// longer than what is copied while scanning.
    @Test func textOfEveryLengthDecodes() throws {
        let columns = [Column("S", .string), Column("N", .integer)]
        for length in 1...24 {
            let plain = (0..<length).map { String(Character(Unicode.Scalar(UInt8(0x41 + $0 % 26)))) }
            var cases = [(json: plain.joined(), text: plain.joined())]
            for position in 0..<length {
                var json = plain
                var text = plain
                json[position] = #"\n"#
                text[position] = "\n"
                cases.append((json.joined(), text.joined()))
                json[position] = "é"
                text[position] = "é"
                cases.append((json.joined(), text.joined()))
            }
            for (json, text) in cases {
                #expect(try decode(#"{"N": 1, "S": "\#(json)"}"#, columns) == [.string(text), .integer(1)], "\(json)")
                #expect(try decode(#"{"S": "\#(json)", "N": 1}"#, columns) == [.string(text), .integer(1)], "\(json)")
            }
        }
        let long = String(repeating: "abcdefgh", count: 1000) + "xyz"
        #expect(try decode(#"{"S": "\#(long)", "N": 2}"#, columns) == [.string(long), .integer(2)])
        #expect(try decode(#"{"N": 2, "S": "\#(long)"}"#, columns) == [.string(long), .integer(2)])
        #expect(serdeError { try decode(#"{"N": 2, "S": "abc"#, columns) } != nil)
        #expect(serdeError { try decode("{\"S\": \"ab\u{1}cdefghijk\"}", columns) } != nil)
    }

    /// Names of every length a key word covers and beyond, keys in the column's case, in lower
    /// case and in mixed case, predicted in order; and a quoted name whose words differ in case.
    @Test func keysOfEveryLengthAreRecognized() throws {
        for length in 1...18 {
            let name = String((0..<length).map { Character(Unicode.Scalar(UInt8(0x41 + $0 % 26))) })
            let columns = [Column(name, .integer), Column(name + "Z", .integer)]
            for key in [name, name.lowercased(), String(name.enumerated().map { $0.offset % 2 == 0 ? $0.element : Character($0.element.lowercased()) })] {
                #expect(try decode(#"{"\#(key)": 1, "\#(key)z": 2, "pad": "xxxxxxxxxxxxxxxx"}"#, columns) == [.integer(1), .integer(2)], "\(key)")
                #expect(try decode(#"{"\#(key)x": 1, "\#(key)": 3}"#, columns) == [.integer(3), .null], "\(key)")
            }
        }
        let mixed = [Column("abcdefghIJK", .integer)]
        #expect(try decode(#"{"abcdefghijk": 5, "pad": "xxxxxxxxxxxxxxxx"}"#, mixed) == [.null])
        #expect(try decode(#"{"abcdefghIJK": 5, "pad": "xxxxxxxxxxxxxxxx"}"#, mixed) == [.integer(5)])
        #expect(try decode(#"{"ABCDEFGHIJK": 5, "pad": "xxxxxxxxxxxxxxxx"}"#, mixed) == [.null])
    }

    /// Objects the quick reader gives up on part way, after it stored text, read as the full
    /// rules say: a key seen twice, a value that does not convert, malformed JSON.
    @Test func objectsReadAgainAfterAQuickAttemptGiveTheFullRulesResult() throws {
        let columns = [Column("S", .string), Column("N", .integer), Column("T", .string)]
        #expect(try decode(#"{"S": "text", "N": 1, "s": "other", "T": "t"}"#, columns)
            == [.string("text"), .integer(1), .string("t")])
        #expect(try decode(#"{"s": "first", "N": 1, "s": "second"}"#, columns) == [.string("second"), .integer(1), .null])
        #expect(try decode(#"{"S": "a", "n": "nope", "N": 4}"#, columns) == [.string("a"), .integer(4), .null])
        #expect(serdeError { try decode(#"{"S": "a", "N": "nope"}"#, columns) } != nil)
        #expect(serdeError { try decode(#"{"S": "a", "N": 1 "T": "b"}"#, columns) } != nil)
        #expect(try decode(#"{"X": [1, {"y": "}"}], "S": "a", "Q": null, "T": "b"}"#, columns)
            == [.string("a"), .null, .string("b")])
    }
}

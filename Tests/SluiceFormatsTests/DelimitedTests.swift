import SluiceCore
import SluiceFormats
import Testing

@Suite struct DelimitedTests {
    let columns = [Column("ID", .bigint), Column("NAME", .string), Column("VALUE", .integer)]

    @Test func readsFieldsInOrder() throws {
        #expect(try decode("0,zero,0", columns, format: .delimited) == [.bigint(0), .string("zero"), .integer(0)])
        #expect(try decode("100,,500", columns, format: .delimited) == [.bigint(100), .null, .integer(500)])
        #expect(try decode(",,", columns, format: .delimited) == [.null, .null, .null])
        #expect(try decode(nil, columns, format: .delimited) == nil)
    }

    @Test func readsQuotedFields() throws {
        #expect(try decode(#""1","a,""b""",2"#, columns, format: .delimited) == [.bigint(1), .string(#"a,"b""#), .integer(2)])
        #expect(try decode("1,\"line\nbreak\",2", columns, format: .delimited) == [.bigint(1), .string("line\nbreak"), .integer(2)])
        #expect(try decode(#"1,"x"  ,2"#, columns, format: .delimited) == [.bigint(1), .string("x"), .integer(2)])
        // A quote inside an unquoted field is an ordinary character.
        #expect(try decode(#"1,a"b,2"#, columns, format: .delimited) == [.bigint(1), .string(#"a"b"#), .integer(2)])
        #expect(try decode(#"1,"","#, columns, format: .delimited) == [.bigint(1), .null, .null])
    }

    @Test func readsOnlyTheFirstLine() throws {
        #expect(try decode("\n\r\n1,a,2\r\n3,b,4", columns, format: .delimited) == [.bigint(1), .string("a"), .integer(2)])
    }

    @Test func usesTheConfiguredDelimiter() throws {
        #expect(try decode("0\tzero\t0", columns, format: FormatSpec(.delimited, delimiter: 0x09)) == [.bigint(0), .string("zero"), .integer(0)])
        #expect(try decode("0|a,b|0", columns, format: FormatSpec(.delimited, delimiter: UInt8(ascii: "|")))
            == [.bigint(0), .string("a,b"), .integer(0)])
    }

    @Test func parsesEachTypeAsJavaDoes() throws {
        let typed = [
            Column("B", .boolean), Column("D", .double), Column("DEC", .decimal(precision: 33, scale: 16)), Column("BY", .bytes),
            Column("DT", .date), Column("T", .time), Column("TS", .timestamp),
        ]
        #expect(
            try decode("TRUE,1.5e2,-12345.12,IQ==,-10,10,1528224275715", typed, format: .delimited)
                == [.boolean(true), .double(150), decimal("-12345.1200000000000000"), .bytes(ByteString("!")), .date(-10), .time(10),
                    .timestamp(1_528_224_275_715)])
        // Boolean.parseBoolean: anything but "true" is false.
        #expect(try decode("yes,,,,,,", typed, format: .delimited)?.first == .boolean(false))
        #expect(try decode(",,.12,,,,", typed, format: .delimited)?[2] == decimal("0.1200000000000000"))
    }

    @Test func rejectsBadRecords() {
        #expect(serdeError { try decode("1,2", columns, format: .delimited) }?.description
            == "Error deserializing delimited: Column count mismatch on deserialization. expected: 3, got: 2")
        #expect(serdeError { try decode("1,2,3,4", columns, format: .delimited) }?.reason
            == "Error deserializing delimited: Column count mismatch on deserialization. expected: 3, got: 4")
        #expect(serdeError { try decode("x,a,1", columns, format: .delimited) }?.description
            == #"Error deserializing delimited: For input string: "x", path: $.ID"#)
        #expect(serdeError { try decode("", columns, format: .delimited) }?.reason == "Error deserializing delimited: No fields in record")
        #expect(serdeError { try decode(#"1,"abc,2"#, columns, format: .delimited) }?.reason
            == "Error deserializing delimited: EOF reached before encapsulated token finished")
        #expect(serdeError { try decode(#"1,"a"b,2"#, columns, format: .delimited) }?.reason
            == "Error deserializing delimited: invalid char between encapsulated token and delimiter")
        let decimalColumn = [Column("D", .decimal(precision: 4, scale: 2))]
        #expect(serdeError { try decode("1.234", decimalColumn, format: .delimited) }?.reason
            == "Error deserializing delimited: Cannot fit decimal '1.234' into DECIMAL(4, 2) without rounding. (Requires 4,3)")
    }

    @Test func writesFieldsWithMinimalQuoting() throws {
        #expect(try encode([.bigint(0), .string("zero"), .integer(0)], columns, format: .delimited) == "0,zero,0")
        #expect(try encode([.bigint(-1), .string("a"), .integer(1)], columns, format: .delimited) == #""-1",a,1"#)
        #expect(try encode([.bigint(1), .string("-"), .integer(-1)], columns, format: .delimited) == "1,-,-1")
        #expect(try encode([.bigint(1), .string("a,b"), .null], columns, format: .delimited) == #"1,"a,b","#)
        #expect(try encode([.bigint(1), .string(#"say "hi""#), .null], columns, format: .delimited) == #"1,"say ""hi""","#)
        #expect(try encode([.null, .string(""), .null], columns, format: .delimited) == ",,")
        let strings = [Column("A", .string), Column("B", .string), Column("C", .string), Column("D", .string)]
        let spaced: [Value] = [.string(" \t with white space \t"), .string(" \t WITH WHITE SPACE \t"), .string("with white space"), .string("\t wit")]
        #expect(try encode(spaced, strings, format: .delimited)
            == "\" \t with white space \t\",\" \t WITH WHITE SPACE \t\",with white space,\"\t wit\"")
        let marks = [Column("A", .string), Column("B", .bytes), Column("C", .string)]
        #expect(try encode([.string("!"), .bytes(ByteString("!")), .string("!")], marks, format: .delimited) == #""!",IQ==,"!""#)
        #expect(try encode([.string(""), .string("x"), .string("")], marks.map { Column($0.name, .string) }, format: .delimited) == #""",x,"#)
    }

    @Test func writesValuesAsJavaDoes() throws {
        let typed = [
            Column("D", .double), Column("DEC", .decimal(precision: 33, scale: 16)), Column("DT", .date), Column("T", .time),
            Column("TS", .timestamp), Column("B", .boolean),
        ]
        let values: [Value] = [.double(1e7), decimal("-12345.1200000000000000"), .date(-10), .time(10), .timestamp(5), .boolean(false)]
        #expect(try encode(values, typed, format: .delimited) == "1.0E7,-12345.1200000000000000,-10,10,5,false")
        #expect(try encode([decimal("-12345.12")], [Column("DEC", .decimal(precision: 10, scale: 2))], format: .delimited)
            == #""-12345.12""#)
        #expect(try encode([decimal("0.00000010")], [Column("DEC", .decimal(precision: 10, scale: 8))], format: .delimited) == "0.00000010")
    }

    @Test func theDelimiterIsQuotedInNumbers() throws {
        let format = FormatSpec(.delimited, delimiter: UInt8(ascii: "."))
        #expect(try encode([.double(1.5), .integer(2)], [Column("D", .double), Column("I", .integer)], format: format) == #""1.5".2"#)
    }

    @Test func keysThatAreAllNullAreNull() throws {
        let keys = [Column("K1", .string, kind: .key), Column("K2", .string, kind: .key)]
        #expect(try encode([.null, .null], keys, format: .delimited, isKey: true) == nil)
        #expect(try encode([.string("foo"), .string("bar")], keys, format: .delimited, isKey: true) == "foo,bar")
        #expect(try decode(#""foo","bar""#, keys, format: .delimited, isKey: true) == [.string("foo"), .string("bar")])
    }

    @Test func roundTrips() throws {
        let typed = [Column("S", .string), Column("D", .double), Column("L", .bigint), Column("BY", .bytes)]
        var random = SplitMix(seed: 11)
        for _ in 0..<300 {
            let text = random.text()
            let row: [Value] = [
                text.isEmpty ? .null : .string(text), .double(Double(Int64(bitPattern: random.next() % 100_000)) / 64),
                .bigint(Int64(bitPattern: random.next())), .bytes(ByteString((text + "x").utf8)),
            ]
            let encoded = try #require(try encode(row, typed, format: .delimited))
            #expect(try decode(encoded, typed, format: .delimited) == row, "\(encoded)")
        }
    }

    @Test func parsesTheDelimiterProperty() throws {
        #expect(try Serdes.parseDelimiter("|") == UInt8(ascii: "|"))
        #expect(try Serdes.parseDelimiter("TAB") == 0x09)
        #expect(try Serdes.parseDelimiter("SPACE") == 0x20)
        let tooLong = serdeError { try Serdes.parseDelimiter("<~>", property: "VALUE_DELIMITER") }
        #expect(tooLong?.reason == """
            Configuration VALUE_DELIMITER is invalid: Invalid delimiter value: '<~>'. Delimiter must be a single character or TAB,SPACE
            Example valid value: ';'
            """)
        for blank in ["", " ", "\t"] {
            #expect(serdeError { try Serdes.parseDelimiter(blank) }?.reason == """
                Delimiter cannot be empty, if you meant to have a tab or space for delimiter, please use the special values 'TAB' or 'SPACE'
                Example valid value: ';'
                """)
        }
        #expect(serdeError { try Serdes.parseDelimiter("§") } != nil)
    }
}

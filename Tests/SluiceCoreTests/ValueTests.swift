import SluiceCore
import Testing

@Suite struct SQLTypeTests {
    @Test(arguments: [
        "BOOLEAN", "INTEGER", "BIGINT", "DOUBLE", "DECIMAL(4, 2)", "STRING", "BYTES", "DATE", "TIME", "TIMESTAMP",
        "ARRAY<INTEGER>", "MAP<STRING, ARRAY<DOUBLE>>", "STRUCT<`a` INTEGER, `B c` STRUCT<`x``y` STRING>>", "STRUCT<>",
    ])
    func canonicalTextRoundTrips(text: String) throws {
        let type = try #require(SQLType(canonicalText: text))
        #expect(type.canonicalText == text)
    }

    @Test func descriptionReadsLikeKsql() {
        let type = SQLType.struct([.init("A", .integer), .init("b", .map(key: .string, value: .decimal(precision: 5, scale: 1)))])
        #expect(type.description == "STRUCT<A INTEGER, b MAP<STRING, DECIMAL(5, 1)>>")
    }

    @Test(arguments: ["", "INTEGER>", "ARRAY<", "DECIMAL(4)", "FOO", "STRUCT<`a INTEGER>"])
    func badTextIsRejected(text: String) {
        #expect(SQLType(canonicalText: text) == nil)
    }

    @Test func nestingDepthIsBounded() {
        let deep = String(repeating: "ARRAY<", count: 10_000) + "INT" + String(repeating: ">", count: 10_000)
        #expect(SQLType(canonicalText: deep) == nil)
    }
}

@Suite struct SQLDecimalTests {
    @Test(arguments: [
        ("1.10", "1.10"), ("-0.05", "-0.05"), (".5", "0.5"), ("+12", "12"), ("1e3", "1000"), ("1.5E-2", "0.015"),
        ("0000.000", "0.000"),
    ])
    func parsesAndPrintsExactly(input: String, printed: String) throws {
        #expect(try #require(SQLDecimal(input)).description == printed)
    }

    @Test func rescalingRoundsHalfUp() throws {
        #expect(try #require(SQLDecimal("1.25")).rescaled(to: 1)?.description == "1.3")
        #expect(try #require(SQLDecimal("-1.25")).rescaled(to: 1)?.description == "-1.3")
        #expect(try #require(SQLDecimal("1.24")).rescaled(to: 1)?.description == "1.2")
        #expect(try #require(SQLDecimal("7")).rescaled(to: 2)?.description == "7.00")
    }

    @Test func equalityIgnoresScaleButIdentityDoesNot() throws {
        let a = try #require(SQLDecimal("1.10"))
        let b = try #require(SQLDecimal("1.1"))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(!a.isIdentical(to: b))
        #expect(Value.decimal(a) != Value.decimal(b))
    }

    @Test func precisionLimits() throws {
        #expect(try #require(SQLDecimal("99.99")).fits(precision: 4, scale: 2))
        #expect(!(try #require(SQLDecimal("100.00")).fits(precision: 4, scale: 2)))
        #expect(SQLDecimal(String(repeating: "9", count: 39)) == nil)
        #expect(try #require(SQLDecimal("12345.678")).precision == 8)
    }
}

@Suite struct JavaDoubleFormatTests {
    @Test(arguments: [
        (1.0, "1.0"), (123.456, "123.456"), (0.001, "0.001"), (0.0001, "1.0E-4"), (1e7, "1.0E7"), (9999999.0, "9999999.0"),
        (-2.5, "-2.5"), (1.234e-5, "1.234E-5"), (0.0, "0.0"), (-0.0, "-0.0"), (Double.nan, "NaN"), (-Double.infinity, "-Infinity"),
        (100.0, "100.0"), (1.5e300, "1.5E300"), (0.1, "0.1"),
    ])
    func matchesJavaToString(value: Double, text: String) {
        #expect(JavaDoubleFormat.string(value) == text)
    }
}

@Suite struct TemporalTests {
    @Test func civilDatesRoundTrip() {
        for day in stride(from: -800_000 as Int64, through: 800_000, by: 997) {
            let (y, m, d) = Temporal.civil(days: day)
            #expect(Temporal.days(year: y, month: m, day: d) == day)
        }
        #expect(Temporal.formatDate(days: 0) == "1970-01-01")
        #expect(Temporal.formatDate(days: 19_000) == "2022-01-08")
    }

    @Test func timestampsFormatInUTC() {
        #expect(Temporal.formatTimestamp(millis: 1_609_459_200_123) == "2021-01-01T00:00:00.123")
        #expect(Temporal.formatTimestamp(millis: -1) == "1969-12-31T23:59:59.999")
        #expect(Temporal.formatTime(millis: 3_723_004) == "01:02:03.004")
        #expect(Temporal.formatTime(millis: 3_723_000) == "01:02:03")
    }
}

@Suite struct ByteStringTests {
    @Test func arenaSlicesCompareByBytes() {
        var arena = ByteArena(chunkSize: 8)
        let a = "hello world".utf8.withContiguousStorageIfAvailable { arena.append(UnsafeRawBufferPointer($0)) }!
        let b = "hello".utf8.withContiguousStorageIfAvailable { arena.append(UnsafeRawBufferPointer($0)) }!
        #expect(a.string == "hello world")
        #expect(a.slice(0..<5) == b)
        #expect(b < a)
        #expect(ByteString("") == .empty)
        #expect(Set([a.slice(0..<5), b]).count == 1)
    }

    @Test func mapsKeepInsertionOrderAndReplaceDuplicates() {
        let map = MapValue([(.string("b"), .integer(1)), (.string("a"), .integer(2)), (.string("b"), .integer(3))])
        #expect(map.keys == [.string("b"), .string("a")])
        #expect(map[.string("b")] == .integer(3))
    }
}

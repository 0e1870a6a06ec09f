import SluiceCore
import Testing

@testable import SluiceFunctions

func cast(_ value: Value, _ from: SQLType, _ to: SQLType) throws -> Value {
    try ValueCasts.caster(from: from, to: to)(value)
}

@Suite struct NumericCastTests {
    @Test func integersNarrowAsJava() throws {
        #expect(try cast(.bigint(2_147_483_648), .bigint, .integer) == .integer(-2_147_483_648))
        #expect(try cast(.integer(-1), .integer, .bigint) == .bigint(-1))
        #expect(try cast(.double(3.3 - 2.1), .double, .integer) == .integer(1))
        #expect(try cast(.double(-7.9), .double, .bigint) == .bigint(-7))
        #expect(try cast(.double(.nan), .double, .integer) == .integer(0))
        #expect(try cast(.double(1e300), .double, .bigint) == .bigint(.max))
        #expect(try cast(dec("-10.99"), .decimal(precision: 4, scale: 2), .integer) == .integer(-10))
    }

    @Test func toDecimalRoundsHalfUpAndChecksTheIntegralDigits() throws {
        let target = SQLType.decimal(precision: 2, scale: 1)
        #expect(try cast(.integer(1), .integer, target) == dec("1.0"))
        #expect(try cast(.integer(-1), .integer, target) == dec("-1.0"))
        #expect(
            errorMessage { _ = try cast(.integer(10), .integer, target) }
                == "Numeric field overflow: A field with precision 2 and scale 1 must round to an "
                + "absolute value less than 10^1. Got 10"
        )
        #expect(try cast(.double(0.99), .double, target) == dec("1.0"))
        #expect(try cast(.double(0.01), .double, target) == dec("0.0"))
        #expect(try cast(.double(1.1), .double, target) == dec("1.1"))
        #expect(try cast(.string("0.99"), .string, target) == dec("1.0"))
        #expect(try cast(.string(" 0.10 "), .string, target) == dec("0.1"))
        #expect(
            try cast(dec("10.12"), .decimal(precision: 4, scale: 2), .decimal(precision: 5, scale: 3)) == dec("10.120"))
        #expect(errorMessage { _ = try cast(.double(.infinity), .double, target) } == "Infinite or NaN")
    }

    @Test func doublesConvertFromTheirExactBinaryValue() throws {
        // 2.675 is 2.67499999999999982236... in binary: Java rounds it to 10 significant digits
        // first (2.675000000), then to the scale, so it ends at 2.68; with 20 digits it stays below.
        #expect(try cast(.double(2.675), .double, .decimal(precision: 10, scale: 2)) == dec("2.68"))
        #expect(try cast(.double(2.675), .double, .decimal(precision: 20, scale: 2)) == dec("2.67"))
        #expect(try cast(.double(1e-20), .double, .decimal(precision: 5, scale: 2)) == dec("0.00"))
        #expect(try cast(.double(-123.456), .double, .decimal(precision: 6, scale: 2)) == dec("-123.46"))
    }

    @Test func numbersAsText() throws {
        #expect(try cast(.double(10.3), .double, .string) == .string("10.3"))
        #expect(try cast(.double(1e10), .double, .string) == .string("1.0E10"))
        #expect(try cast(dec("0.00"), .decimal(precision: 4, scale: 2), .string) == .string("0.00"))
        #expect(try cast(.integer(-1), .integer, .string) == .string("-1"))
        #expect(try cast(.boolean(true), .boolean, .string) == .string("true"))
        #expect(try cast(.null, .integer, .string) == .null)
    }

    @Test func textAsNumbers() throws {
        #expect(try cast(.string(" 42 "), .string, .integer) == .integer(42))
        #expect(try cast(.string("-9223372036854775808"), .string, .bigint) == .bigint(.min))
        #expect(
            errorMessage { _ = try cast(.string("2147483648"), .string, .integer) }
                == "For input string: \"2147483648\"")
        #expect(errorMessage { _ = try cast(.string("1.5"), .string, .bigint) } != nil)
        #expect(try cast(.string("1e3"), .string, .double) == .double(1000))
        #expect(try cast(.string("-Infinity"), .string, .double) == .double(-.infinity))
        #expect(errorMessage { _ = try cast(.string("1.0d"), .string, .double) } != nil)
    }

    @Test(arguments: [
        ("true", true), ("TRUE", true), ("t", true), ("Ye", true), ("yes", true), ("false", false),
        ("no", false), ("truex", false), ("", false), ("anything", false),
    ])
    func textAsBoolean(text: String, expected: Bool) throws {
        #expect(try cast(.string(text), .string, .boolean) == .boolean(expected))
    }
}

@Suite struct TemporalCastTests {
    @Test(arguments: [
        ("2022-04-28T21:44:47.943", 1_651_182_287_943 as Int64),
        ("2022-04-28T21:44:47.943Z", 1_651_182_287_943),
        ("2017-11-13T23:59:58.999+0100", 1_510_613_998_999),
        ("2017-11-13T23:59:58.999-01:00", 1_510_621_198_999),
        ("2018", 1_514_764_800_000),
        ("2020-02", 1_580_515_200_000),
        ("2020-12-02T13", 1_606_914_000_000),
        ("2019-03-17T03:00-0700", 1_552_816_800_000),
    ])
    func timestampsParsePartially(text: String, millis: Int64) throws {
        #expect(try TemporalText.parseTimestamp(text) == millis)
    }

    @Test(arguments: ["abc", "2019-03-17 03:00", "2017-1-1", "2017-01-01T00:00:00.000+foo", "2017-01-01T25"])
    func badTimestampsFail(text: String) {
        #expect(
            errorMessage { _ = try TemporalText.parseTimestamp(text) }?.hasPrefix("Failed to parse timestamp '\(text)'")
                == true)
    }

    @Test func timesAndDates() throws {
        #expect(try TemporalText.parseTime("10:00") == 36_000_000)
        #expect(try TemporalText.parseTime("10:00:00.001") == 36_000_001)
        #expect(errorMessage { _ = try TemporalText.parseTime("10") } != nil)
        #expect(try TemporalText.parseDate("2022-06-14") == 19157)
        #expect(try TemporalText.parseDate("2022") == 18993)
        #expect(errorMessage { _ = try TemporalText.parseDate("2021-02-30") } != nil)
    }

    @Test func castsBetweenTemporalTypesAndText() throws {
        #expect(try cast(.string(" 2022-04-28T21:44:47.943 "), .string, .timestamp) == .timestamp(1_651_182_287_943))
        #expect(try cast(.timestamp(1_552_816_800_000), .timestamp, .string) == .string("2019-03-17T10:00:00.000"))
        #expect(try cast(.timestamp(-1), .timestamp, .date) == .date(-1))
        #expect(try cast(.timestamp(-1), .timestamp, .time) == .time(86_399_999))
        #expect(try cast(.date(1), .date, .timestamp) == .timestamp(86_400_000))
        #expect(try cast(.time(33_360_000), .time, .string) == .string("09:16"))
        #expect(try cast(.time(33_359_999), .time, .string) == .string("09:15:59"))
        #expect(try cast(.date(19157), .date, .string) == .string("2022-06-14"))
    }

    @Test func bytesFromBase64() throws {
        #expect(try cast(.string("YWJj"), .string, .bytes) == .bytes(ByteString("abc")))
        #expect(try cast(.string("YQ"), .string, .bytes) == .bytes(ByteString("a")))
        #expect(errorMessage { _ = try cast(.string("a-b"), .string, .bytes) } == "Illegal base64 character 2d")
    }
}

@Suite struct StructuredCastTests {
    @Test func elementsCastOneByOne() throws {
        let array = Value.array([.bigint(1), .bigint(3), .bigint(2_147_483_648)])
        #expect(
            try cast(array, .array(.bigint), .array(.integer))
                == .array([.integer(1), .integer(3), .integer(-2_147_483_648)]))
        #expect(
            try cast(array, .array(.bigint), .array(.string))
                == .array([.string("1"), .string("3"), .string("2147483648")]))
        let nested = Value.map(MapValue([(.string("k1"), .map(MapValue([(.string("k2"), .string("10"))])))]))
        let from = SQLType.map(key: .string, value: .map(key: .string, value: .string))
        let to = SQLType.map(key: .string, value: .map(key: .string, value: .integer))
        #expect(
            try cast(nested, from, to)
                == .map(MapValue([(.string("k1"), .map(MapValue([(.string("k2"), .integer(10))])))])))
    }

    @Test func structsMatchFieldsByName() throws {
        let from = SQLType.struct([.init("F0", .bigint), .init("F1", .string)])
        let to = SQLType.struct([.init("F0", .string), .init("F3", .string)])
        #expect(try cast(.struct([.bigint(1), .string("3")]), from, to) == .struct([.string("1"), .null]))
    }

    @Test func structuredValuesAsJavaText() throws {
        #expect(try cast(.array([.integer(1), .integer(3)]), .array(.integer), .string) == .string("[1, 3]"))
        #expect(
            try cast(.map(MapValue([(.string("this"), .integer(1))])), .map(key: .string, value: .integer), .string)
                == .string("{this=1}"))
        let type = SQLType.struct([.init("F0", .integer), .init("f1", .integer), .init("g", .string)])
        #expect(try cast(.struct([.integer(1), .integer(3), .null]), type, .string) == .string("Struct{F0=1,f1=3}"))
        #expect(
            try cast(.array([dec("0.0000001"), .null]), .array(.decimal(precision: 8, scale: 7)), .string)
                == .string("[1E-7, null]"))
    }
}

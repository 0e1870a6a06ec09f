import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct MathFunctionTests {
    @Test(arguments: [
        (1.2, 1 as Int64), (1.5, 2), (-1.5, -1), (-1.7, -2), (0.49999999999999994, 0), (12345.678, 12346),
    ])
    func roundHalvesTowardPositiveInfinity(value: Double, expected: Int64) throws {
        #expect(try call("ROUND", [dbl(value)]) == .bigint(expected))
    }

    @Test(arguments: [
        (1.234567, 2 as Int32, 1.23), (-1.5, 0, -1.0), (1.5, 0, 2.0), (12345.678, -2, 12300.0),
        (-12345.678, 1, -12345.7), (111, -1, 110.0), (3, 10, 3.0),
    ])
    func roundToPlaces(value: Double, places: Int32, expected: Double) throws {
        #expect(try call("ROUND", [dbl(value), int(places)]) == .double(expected))
    }

    @Test func roundDecimals() throws {
        let type = SQLType.decimal(precision: 33, scale: 16)
        let value = (dec("12345678987654321.2345678987654321"), Optional(type))
        #expect(try call("ROUND", [value]) == dec("12345678987654321"))
        #expect(try call("ROUND", [value, int(2)]) == dec("12345678987654321.2300000000000000"))
        #expect(try call("ROUND", [value, int(-1)]) == dec("12345678987654320.0000000000000000"))
        #expect(try call("ROUND", [(dec("-1.5"), .decimal(precision: 2, scale: 1))]) == dec("-1"))
    }

    @Test func truncation() throws {
        #expect(try call("TRUNC", [dbl(-1.7)]) == .bigint(-1))
        #expect(try call("TRUNC", [dbl(12345.678), int(-1)]) == .double(12340.0))
        #expect(try call("TRUNC", [dbl(-12345.678), int(2)]) == .double(-12345.67))
        #expect(
            try call("TRUNC", [(dec("-12345.6780000"), .decimal(precision: 12, scale: 7)), int(1)])
                == dec("-12345.6000000"))
        #expect(try call("TRUNC", [big(2_147_483_648)]) == .bigint(2_147_483_648))
    }

    @Test func ceilingAndFloorKeepTypes() throws {
        #expect(try call("CEIL", [dbl(-1.1)]) == .double(-1.0))
        #expect(try call("FLOOR", [dbl(-1.1)]) == .double(-2.0))
        #expect(try call("CEIL", [int(3)]) == .integer(3))
        #expect(try call("FLOOR", [(dec("-1.5"), .decimal(precision: 2, scale: 1))]) == dec("-2.0"))
        #expect(try call("CEIL", [(dec("1.1"), .decimal(precision: 2, scale: 1))]) == dec("2.0"))
    }

    @Test func absoluteValueAndSign() throws {
        #expect(try call("ABS", [int(-1)]) == .integer(1))
        #expect(try call("ABS", [int(.min)]) == .integer(.min))
        #expect(try call("ABS", [(dec("-3.2"), .decimal(precision: 2, scale: 1))]) == dec("3.2"))
        #expect(try call("SIGN", [dbl(-3.0)]) == .integer(-1))
        #expect(try call("SIGN", [big(0)]) == .integer(0))
        #expect(try call("SIGN", [dbl(.nan)]) == .integer(0))
        #expect(try call("SIGN", [null(.integer)]) == .null)
    }

    @Test func exponentialsAndLogarithms() throws {
        #expect(try call("EXP", [int(1)]) == .double(2.718281828459045))
        #expect(try call("LN", [int(0)]) == .double(-.infinity))
        #expect(try call("SQRT", [big(4)]) == .double(2))
        #expect(try call("CBRT", [int(-8)]) == .double(-2))
        #expect(try call("LOG", [int(1)]) == .double(0))
        #expect(try call("LOG", [int(15), int(0)]) == .double(-.infinity))
        guard case .double(let nan) = try call("LOG", [int(1), int(13)]) else {
            Issue.record("expected a double")
            return
        }
        #expect(nan.isNaN)
        #expect(try call("POWER", [int(15), int(-1)]) == .double(1.0 / 15.0))
        #expect(try call("PI", []) == .double(Double.pi))
    }

    @Test func trigonometry() throws {
        #expect(try call("COT", [int(0)]) == .double(.infinity))
        #expect(try call("ATAN2", [int(0), int(-3)]) == .double(Double.pi))
        #expect(try call("DEGREES", [dbl(Double.pi)]) == .double(180))
        guard case .double(let radians) = try call("RADIANS", [int(180)]) else {
            Issue.record("expected a double")
            return
        }
        #expect(abs(radians - Double.pi) < 1e-15)
    }

    @Test func random() throws {
        guard case .double(let value) = try call("RANDOM", []) else {
            Issue.record("expected a double")
            return
        }
        #expect(value >= 0 && value < 1)
    }

    @Test func greatestAndLeastSkipNulls() throws {
        #expect(try call("GREATEST", [int(.max), int(.min), null(.integer), (.null, nil), int(5)]) == .integer(.max))
        #expect(try call("LEAST", [big(.max), big(.min), null(.bigint)]) == .bigint(.min))
        #expect(try call("GREATEST", [str("apple"), str("banana"), null(.string), str("hello")]) == .string("hello"))
        #expect(try call("LEAST", [str("!"), str("Zebra"), str("aardvark")]) == .string("!"))
        #expect(try call("GREATEST", [null(.string), null(.string)]) == .null)
        #expect(try call("GREATEST", [dbl(1), dbl(.nan)]).isNull == false)
        let decimals = [
            (dec("1234567.89"), SQLType.decimal(precision: 9, scale: 2)),
            (dec("0.123456"), .decimal(precision: 7, scale: 6)),
        ]
        #expect(try call("LEAST", decimals.map { ($0.0, Optional($0.1)) }) == dec("0.123456"))
    }
}

@Suite struct ConditionalFunctionTests {
    @Test func coalesce() throws {
        #expect(try call("COALESCE", [null(.integer), int(2), int(3)]) == .integer(2))
        #expect(try call("COALESCE", [null(.integer), null(.integer)]) == .null)
        #expect(
            try call("COALESCE", [(.null, .array(.integer)), (.array([.integer(10)]), .array(.integer))])
                == .array([.integer(10)]))
    }

    @Test func ifNull() throws {
        #expect(try call("IFNULL", [null(.string), str("x")]) == .string("x"))
        #expect(try call("IFNULL", [str("a"), str("x")]) == .string("a"))
    }

    @Test func nullIf() throws {
        #expect(try call("NULLIF", [int(10), int(10)]) == .null)
        #expect(try call("NULLIF", [str("X"), str("x")]) == .string("X"))
        #expect(try call("NULLIF", [null(.string), str("x")]) == .null)
        let list = (Value.array([.integer(1), .integer(2)]), Optional(SQLType.array(.integer)))
        #expect(try call("NULLIF", [list, list]) == .null)
    }
}

@Suite struct ExtremePlacesTests {
    @Test func roundingToFarPlacesIsSafe() throws {
        #expect(try call("ROUND", [dbl(1.25), int(.max)]) == .double(1.25))
        #expect(try call("ROUND", [dbl(1.25), int(.min)]) == .double(0))
        let value = (dec("1.25"), Optional(SQLType.decimal(precision: 3, scale: 2)))
        #expect(try call("ROUND", [value, int(.max)]) == dec("1.25"))
        #expect(try call("TRUNC", [value, int(.min)]) == dec("0.00"))
    }
}

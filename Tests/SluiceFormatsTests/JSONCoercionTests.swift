import SluiceCore
import SluiceFormats
import Testing

/// ksqlDB's JSON deserializer coercions, one SQL type at a time (the value is unwrapped).
@Suite struct JSONCoercionTests {
    private func value(_ json: String, _ type: SQLType) throws(SerdeError) -> Value {
        try decode(json, [Column("V", type)], format: FormatSpec(.json, wrapSingleValue: false))?.first ?? .null
    }

    private func failure(_ json: String, _ type: SQLType) -> String? {
        serdeError { try value(json, type) }?.description
    }

    @Test func integers() throws {
        #expect(try value("42", .integer) == .integer(42))
        #expect(try value("-7", .bigint) == .bigint(-7))
        #expect(try value(#""12""#, .integer) == .integer(12))
        #expect(try value(#""-9223372036854775808""#, .bigint) == .bigint(.min))
        // Fractions truncate toward zero, as Jackson's intValue()/longValue() do.
        #expect(try value("1.9", .integer) == .integer(1))
        #expect(try value("-1.9e1", .bigint) == .bigint(-19))
        #expect(try value("1e3", .bigint) == .bigint(1000))
        // Too wide: the low bits survive, as in Java.
        #expect(try value("4294967297", .integer) == .integer(1))
        #expect(try value("18446744073709551617", .bigint) == .bigint(1))
        #expect(try value("1e100", .bigint) == .bigint(0))
        #expect(failure(#""1.5""#, .integer) == "Can't coerce string to type. targetType: INTEGER, path: $")
        #expect(failure(#""2147483648""#, .integer) == "Can't coerce string to type. targetType: INTEGER, path: $")
        #expect(failure("true", .bigint) == "Can't convert type. sourceType: BooleanNode, requiredType: BIGINT, path: $")
        #expect(failure("[1]", .integer) == "Can't convert type. sourceType: ArrayNode, requiredType: INTEGER, path: $")
        #expect(failure(#"{"a":1}"#, .bigint) == "Can't convert type. sourceType: ObjectNode, requiredType: BIGINT, path: $")
    }

    @Test func doubles() throws {
        #expect(try value("1234.589", .double) == .double(1234.589))
        #expect(try value("7", .double) == .double(7))
        #expect(try value("2.706938954083115", .double) == .double(2.706938954083115))
        #expect(try value("1e400", .double) == .double(.infinity))
        #expect(try value(#"" 1.5 ""#, .double) == .double(1.5))
        #expect(try value(#""NaN""#, .double) == .double(.nan))
        #expect(try value(#""-Infinity""#, .double) == .double(-.infinity))
        #expect(try value(#""2.5d""#, .double) == .double(2.5))
        #expect(failure(#""abc""#, .double) == "Can't coerce string to type. targetType: DOUBLE, path: $")
        #expect(failure("false", .double) == "Can't convert type. sourceType: BooleanNode, requiredType: DOUBLE, path: $")
    }

    @Test func booleansComeOnlyFromBooleans() throws {
        #expect(try value("true", .boolean) == .boolean(true))
        #expect(try value("false", .boolean) == .boolean(false))
        #expect(failure(#""true""#, .boolean) == "Can't convert type. sourceType: TextNode, requiredType: BOOLEAN, path: $")
        #expect(failure("1", .boolean) == "Can't convert type. sourceType: IntNode, requiredType: BOOLEAN, path: $")
    }

    @Test func anythingBecomesAString() throws {
        #expect(try value(#""hello""#, .string) == .string("hello"))
        #expect(try value("12", .string) == .string("12"))
        #expect(try value("-0", .string) == .string("0"))
        #expect(try value("1.50", .string) == .string("1.50"))
        #expect(try value("1e3", .string) == .string("1E+3"))
        #expect(try value("0.0000001", .string) == .string("1E-7"))
        #expect(try value("true", .string) == .string("true"))
        #expect(try value(#"{"ITEMID": 6, "CATEGORY": {"ID": 2, "NAME": "Fo\"od"}, "L": [1, 2.50]}"#, .string)
            == .string(#"{"ITEMID":6,"CATEGORY":{"ID":2,"NAME":"Fo\"od"},"L":[1,2.50]}"#))
        #expect(try value(#"["a", 1, null, true, {"k": "v"}, ["b", 2]]"#, .string)
            == .string(#"[a, 1, null, true, {"k":"v"}, [b, 2]]"#))
    }

    @Test func decimalsKeepTheirDigitsAtTheColumnScale() throws {
        let type = SQLType.decimal(precision: 6, scale: 4)
        #expect(try value("10", type) == decimal("10.0000"))
        #expect(try value("0.1", type) == decimal("0.1000"))
        #expect(try value("12.3650", type) == decimal("12.3650"))
        #expect(try value(#""-1.5""#, type) == decimal("-1.5000"))
        #expect(try value("1.20000000000000000000000000000000000000000000", type) == decimal("1.2000"))
        #expect(try value("0.0", type) == decimal("0.0000"))
        #expect(failure("1.23456", type) == "Cannot fit decimal '1.23456' into DECIMAL(6, 4) without rounding. (Requires 6,5), path: $")
        #expect(
            failure("100", type)
                == "Numeric field overflow: A field with precision 6 and scale 4 must round to an absolute value less than 10^2. Got 100, path: $")
        #expect(failure(#""1.2.3""#, type) == "Can't coerce string to type. targetType: DECIMAL(6, 4), path: $")
        #expect(failure("true", type) == "Can't convert type. sourceType: BooleanNode, requiredType: DECIMAL(6, 4), path: $")
    }

    @Test func bytesAreBase64() throws {
        #expect(try value(#""dmFyaWF0aW9ucw==""#, .bytes) == .bytes(ByteString("variations")))
        #expect(try value(#""IQ""#, .bytes) == .bytes(ByteString("!")))
        #expect(try value(#""""#, .bytes) == .bytes(.empty))
        #expect(failure(#""not base64!""#, .bytes) == "Value is not a valid Base64 encoded string: not base64!, path: $")
        #expect(failure("12", .bytes) == "Can't convert type. sourceType: IntNode, requiredType: BYTES, path: $")
    }

    @Test func temporalValuesAreNumbers() throws {
        #expect(try value("10", .date) == .date(10))
        #expect(try value("-10", .date) == .date(-10))
        #expect(try value(#""4""#, .date) == .date(4))
        #expect(try value("3723004", .time) == .time(3_723_004))
        #expect(try value("1528224275715", .timestamp) == .timestamp(1_528_224_275_715))
        #expect(try value(#""1528224275715""#, .timestamp) == .timestamp(1_528_224_275_715))
        #expect(failure("86400000", .time)?.hasPrefix("Time values must use number of milliseconds") == true)
        #expect(failure("9999999999", .date) == "Date value out of range: 9999999999 days, path: $")
        #expect(failure(#""2021-01-01""#, .timestamp) == "Can't coerce string to type. targetType: TIMESTAMP, path: $")
    }

    @Test func arraysMapsAndStructsNeedTheirShape() throws {
        #expect(try value("[1, null, 3]", .array(.bigint)) == .array([.bigint(1), .null, .bigint(3)]))
        #expect(try value("[]", .array(.bigint)) == .array([]))
        #expect(try value("{}", .map(key: .string, value: .double)) == .map(MapValue()))
        #expect(failure(#""x""#, .array(.bigint)) == "Can't convert type. sourceType: TextNode, requiredType: ARRAY<BIGINT>, path: $")
        #expect(failure("[1]", .map(key: .string, value: .bigint))
            == "Can't convert type. sourceType: ArrayNode, requiredType: MAP<STRING, BIGINT>, path: $")
        #expect(failure("1.5", .struct([.init("A", .integer)]))
            == "Can't convert type. sourceType: DecimalNode, requiredType: STRUCT<A INTEGER>, path: $")
        #expect(failure("99999999999999999999", .struct([]))
            == "Can't convert type. sourceType: BigIntegerNode, requiredType: STRUCT<>, path: $")
    }
}

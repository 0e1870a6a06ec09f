import SluiceCore
import SluiceFormats
import Testing

/// Number text as Java writes it, checked through the formats' outputs.
@Suite struct NumberTextTests {
    private func json(_ value: Value, _ type: SQLType) throws(SerdeError) -> String? {
        try encode([value], [Column("V", type)], format: FormatSpec(.json, wrapSingleValue: false))
    }

    @Test func doublesMatchJavaDoubleToString() throws {
        var random = SplitMix(seed: 3)
        var samples: [Double] = [1, 0.1, 123.456, 1e7, 9_999_999, 0.001, 0.0001, 1.5e300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 2e-3]
        for _ in 0..<2000 {
            samples.append(Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF))
            samples.append(Double(Int64(bitPattern: random.next()) % 1_000_000_000) / 1000)
        }
        for sample in samples {
            for value in [sample, -sample] {
                #expect(try json(.double(value), .double) == JavaDoubleFormat.string(value))
                #expect(Double(try #require(try json(.double(value), .double))) == value)
            }
        }
        #expect(try json(.double(0), .double) == "0.0")
        #expect(try json(.double(-0.0), .double) == "-0.0")
        #expect(try json(.double(-.infinity), .double) == #""-Infinity""#)
    }

    @Test func decimalsMatchBigDecimalToString() throws {
        let cases: [(String, Int, String)] = [
            ("10.0000", 4, "10.0000"), ("0.000001", 6, "0.000001"), ("0.0000001", 7, "1E-7"), ("0.00000010", 8, "1.0E-7"),
            ("-12345.12", 2, "-12345.12"), ("0.00000000", 8, "0E-8"), ("99999999999999999999999999999999999999", 0,
            "99999999999999999999999999999999999999"), ("-0.12345678901234567890123456789012345678", 38,
            "-0.12345678901234567890123456789012345678"),
        ]
        for (text, scale, expected) in cases {
            let value = decimal(text)
            #expect(try json(value, .decimal(precision: 38, scale: scale)) == expected)
        }
        #expect(try encode([decimal("0.00000010")], [Column("V", .decimal(precision: 10, scale: 8))], format: .delimited) == "0.00000010")
    }

    @Test func integersAtTheirLimits() throws {
        for number in [Int64.min, -1, 0, 9, 10, 99, 100, 1_000_000_007, Int64.max] {
            #expect(try json(.bigint(number), .bigint) == String(number))
        }
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            for number in [power - 1, power, power + 1, -power, -(power - 1)] {
                #expect(try json(.bigint(number), .bigint) == String(number))
            }
        }
        #expect(try json(.integer(.min), .integer) == String(Int32.min))
    }

    @Test func base64RoundTrips() throws {
        var random = SplitMix(seed: 8)
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let text = try #require(try json(.bytes(ByteString(bytes)), .bytes))
            #expect(try decode(text, [Column("V", .bytes)], format: FormatSpec(.json, wrapSingleValue: false)) == [.bytes(ByteString(bytes))])
        }
    }
}

import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct ArithmeticTests {
    func apply(_ op: ArithmeticOperator, _ a: Value, _ b: Value, _ result: SQLType) throws -> Value {
        try ValueArithmetic.operation(op, result: result)(a, b)
    }

    @Test func integersWrapAndNeverTrap() throws {
        #expect(try apply(.add, .integer(.max), .integer(1), .integer) == .integer(.min))
        #expect(try apply(.multiply, .bigint(.max), .bigint(2), .bigint) == .bigint(-2))
        #expect(try apply(.divide, .integer(.min), .integer(-1), .integer) == .integer(.min))
        #expect(try apply(.modulo, .bigint(.min), .bigint(-1), .bigint) == .bigint(0))
        #expect(try apply(.divide, .integer(-7), .integer(2), .integer) == .integer(-3))
        #expect(try apply(.modulo, .integer(-7), .integer(2), .integer) == .integer(-1))
        #expect(try apply(.add, .integer(1), .bigint(2), .bigint) == .bigint(3))
    }

    @Test func integerDivisionByZeroIsARecordError() {
        #expect(errorMessage { _ = try apply(.divide, .bigint(1), .bigint(0), .bigint) } == "/ by zero")
        #expect(errorMessage { _ = try apply(.modulo, .integer(1), .integer(0), .integer) } == "/ by zero")
    }

    @Test func doublesFollowIEEE() throws {
        #expect(try apply(.divide, .double(1), .double(0), .double) == .double(.infinity))
        #expect(try apply(.divide, .double(-1), .double(0), .double) == .double(-.infinity))
        guard case .double(let nan) = try apply(.modulo, .double(1), .double(0), .double) else {
            Issue.record("expected a double")
            return
        }
        #expect(nan.isNaN)
        #expect(try apply(.modulo, .double(-5.5), .double(2), .double) == .double(-1.5))
        #expect(try apply(.add, .integer(2), .double(0.5), .double) == .double(2.5))
    }

    @Test func nullPropagates() throws {
        #expect(try apply(.add, .null, .integer(1), .integer) == .null)
        #expect(try apply(.divide, .bigint(1), .null, .bigint) == .null)
    }

    @Test func stringsConcatenateAsJava() throws {
        #expect(try apply(.add, .string("a"), .string("b"), .string) == .string("ab"))
        #expect(try apply(.add, .string("a"), .null, .string) == .string("anull"))
    }

    @Test func decimalsAreExact() throws {
        let sum = SQLType.decimal(precision: 5, scale: 2)
        #expect(try apply(.add, dec("10.01"), dec("5.1"), sum) == dec("15.11"))
        #expect(try apply(.subtract, dec("10.1"), dec("5.1"), sum) == dec("5.00"))
        #expect(try apply(.multiply, dec("10.1"), dec("-2.0"), .decimal(precision: 9, scale: 4)) == dec("-20.2000"))
        #expect(try apply(.multiply, .bigint(1000), dec("0.908"), .decimal(precision: 23, scale: 3)) == dec("908.000"))
        #expect(try apply(.divide, dec("10.10"), dec("2.00"), .decimal(precision: 13, scale: 7)) == dec("5.0500000"))
        #expect(try apply(.modulo, dec("10.10"), dec("-2.00"), .decimal(precision: 4, scale: 2)) == dec("0.10"))
        #expect(try apply(.modulo, dec("-10.10"), dec("2.00"), .decimal(precision: 4, scale: 2)) == dec("-0.10"))
    }

    @Test func decimalDivisionMustBeExact() {
        let type = SQLType.decimal(precision: 9, scale: 6)
        #expect(errorMessage { _ = try apply(.divide, dec("1.00"), dec("3.00"), type) } == "Rounding necessary")
        #expect(errorMessage { _ = try apply(.divide, dec("1.00"), dec("0.00"), type) } == "Division by zero")
        #expect(errorMessage { _ = try apply(.divide, dec("0.00"), dec("0.00"), type) } == "Division undefined")
        #expect(errorMessage { _ = try apply(.modulo, dec("1.00"), dec("0"), type) } == "Division by zero")
    }

    @Test func negation() throws {
        #expect(try ValueArithmetic.negation(.integer)(.integer(.min)) == .integer(.min))
        #expect(try ValueArithmetic.negation(.decimal(precision: 7, scale: 5))(dec("10.12345")) == dec("-10.12345"))
        #expect(try ValueArithmetic.negation(.double)(.null) == .null)
    }
}

@Suite struct ComparisonTests {
    @Test func nullComparesFalse() throws {
        for op in ComparisonOperator.allCases {
            #expect(try ValueOrdering.evaluate(op, .null, .integer(1)) == false)
            #expect(try ValueOrdering.evaluate(op, .null, .null) == false)
        }
    }

    @Test func isDistinctFromTreatsNullAsAValue() throws {
        #expect(try ValueOrdering.isDistinct(.null, .null) == false)
        #expect(try ValueOrdering.isDistinct(.null, dec("10.01")) == true)
        #expect(try ValueOrdering.isDistinct(dec("10.01"), dec("10.010")) == false)
        #expect(try ValueOrdering.isDistinct(.integer(1), .integer(2)) == true)
    }

    @Test func doublesUseJavaOperators() throws {
        #expect(try ValueOrdering.evaluate(.equal, .double(.nan), .double(.nan)) == false)
        #expect(try ValueOrdering.evaluate(.notEqual, .double(.nan), .double(1)) == false)
        #expect(try ValueOrdering.evaluate(.equal, .double(-0.0), .double(0.0)) == true)
        #expect(ValueOrdering.javaCompare(.double(.nan), .double(.infinity)) == 1)
        #expect(ValueOrdering.javaCompare(.double(-0.0), .double(0.0)) == -1)
    }

    @Test func decimalsCompareByValueAndAgainstDoubles() throws {
        #expect(try ValueOrdering.evaluate(.less, dec("10.01"), dec("10.012")))
        #expect(try ValueOrdering.evaluate(.equal, dec("0.1"), .double(0.1)))
        #expect(try ValueOrdering.evaluate(.greater, dec("0.10001"), .double(0.1)))
        #expect(try ValueOrdering.evaluate(.less, dec("99999"), .double(1e300)))
        #expect(errorMessage { _ = try ValueOrdering.evaluate(.less, dec("1"), .double(.nan)) } == "Infinite or NaN")
    }

    @Test func textAndBytes() throws {
        #expect(try ValueOrdering.evaluate(.less, .string("b10"), .string("b2")))
        #expect(try ValueOrdering.evaluate(.less, .string("B2"), .string("b2")))
        // Java's ByteBuffer compares bytes as signed.
        #expect(try ValueOrdering.evaluate(.less, .bytes(ByteString([0x80])), .bytes(ByteString([0x01]))))
        #expect(try ValueOrdering.evaluate(.less, .bytes(ByteString([0x01])), .bytes(ByteString([0x01, 0x00]))))
    }

    @Test func structuredEqualityIsJavaEquals() throws {
        let a = Value.map(MapValue([(.string("x"), .integer(1)), (.string("y"), .null)]))
        let b = Value.map(MapValue([(.string("y"), .null), (.string("x"), .integer(1))]))
        #expect(try ValueOrdering.evaluate(.equal, a, b))
        #expect(try ValueOrdering.evaluate(.notEqual, .array([.integer(1), .null]), .array([.integer(1)])))
        #expect(try ValueOrdering.evaluate(.equal, .array([dec("1.10")]), .array([dec("1.1")])) == false)
        #expect(try ValueOrdering.evaluate(.less, .array([.integer(1)]), .array([.integer(2)])) == false)
        #expect(try ValueOrdering.evaluate(.equal, .boolean(true), .boolean(true)))
    }
}

@Suite struct LikeTests {
    func like(_ text: String, _ pattern: String, escape: Character? = nil) throws -> Bool {
        try LikePattern(pattern, escape: escape).matches(ByteString(text))
    }

    @Test(arguments: [
        ("this", "%hi%", true), ("this", "th_s", true), ("this", "t_s", false), ("this", "This", false),
        ("this", "this", true), ("this", "thi", false), ("this", "%s", true), ("this", "t%", true),
        ("", "%", true), ("", "_", false), ("a%b", "a!%b", true), ("axb", "a!%b", false), ("a!b", "a!!b", true),
        ("héllo", "h_llo", true), ("héllo", "h%o", true), ("abcabc", "%b_a%", true), ("aaa", "a%a%a", true),
        ("a\nb", "a%", false), ("a\nb", "a%b", false), ("a\nb", "a_b", false), ("a\nb", "a\n%", true),
    ])
    func matchesWholeValue(text: String, pattern: String, expected: Bool) throws {
        #expect(try like(text, pattern, escape: pattern.contains("!") ? "!" : nil) == expected)
    }

    @Test func longPatternsUseTheGeneralMatcher() throws {
        let pattern = String(repeating: "a_", count: 40) + "%"
        let text = String(repeating: "ab", count: 40) + "tail"
        #expect(try like(text, pattern))
        #expect(try like("x" + text, pattern) == false)
    }

    @Test func danglingEscapeIsAnError() {
        #expect(
            errorMessage { _ = try LikePattern("abc!", escape: "!") }
                == "LIKE pattern must not end with escape character")
    }
}

@Suite struct MixedNumberComparisonTests {
    @Test func numbersOfDifferentKindsCompareAsJavaWidensThem() throws {
        #expect(try ValueOrdering.evaluate(.less, .integer(1), .double(1.5)))
        #expect(try ValueOrdering.evaluate(.equal, .bigint(2), .double(2)))
        #expect(try ValueOrdering.evaluate(.greater, dec("1.5"), .integer(1)))
        #expect(try ValueOrdering.evaluate(.equal, .bigint(10), dec("10.00")))
    }

    @Test func hugeExponentsAreRefusedCheaply() throws {
        let target = SQLType.decimal(precision: 10, scale: 2)
        #expect(errorMessage { _ = try cast(.string("1e999999999"), .string, target) } != nil)
        #expect(try cast(.string("1.5e1"), .string, target) == dec("15.00"))
    }
}

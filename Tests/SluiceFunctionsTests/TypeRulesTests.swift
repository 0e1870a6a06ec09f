import SluiceCore
import SluiceFunctions
import Testing

@Suite struct ArithmeticTypeTests {
    @Test(arguments: [
        (SQLType.integer, SQLType.integer, SQLType.integer),
        (.integer, .bigint, .bigint),
        (.bigint, .integer, .bigint),
        (.integer, .double, .double),
        (.decimal(precision: 4, scale: 2), .double, .double),
        (.bigint, .decimal(precision: 3, scale: 3), .decimal(precision: 23, scale: 3)),
    ])
    func multiplication(left: SQLType, right: SQLType, result: SQLType) throws {
        #expect(try TypeRules.arithmeticType(.multiply, left, right) == result)
    }

    @Test func decimalRulesFollowBigDecimal() throws {
        let a = SQLType.decimal(precision: 4, scale: 2)
        let b = SQLType.decimal(precision: 5, scale: 3)
        #expect(try TypeRules.arithmeticType(.add, a, b) == .decimal(precision: 6, scale: 3))
        #expect(try TypeRules.arithmeticType(.subtract, a, b) == .decimal(precision: 6, scale: 3))
        #expect(try TypeRules.arithmeticType(.multiply, a, b) == .decimal(precision: 10, scale: 5))
        #expect(try TypeRules.arithmeticType(.divide, a, b) == .decimal(precision: 13, scale: 8))
        #expect(try TypeRules.arithmeticType(.modulo, a, b) == .decimal(precision: 5, scale: 3))
        #expect(try TypeRules.arithmeticType(.add, .integer, a) == .decimal(precision: 13, scale: 2))
    }

    @Test func resultsBeyond38DigitsKeepTheIntegralPart() throws {
        let wide = SQLType.decimal(precision: 38, scale: 10)
        #expect(try TypeRules.arithmeticType(.multiply, wide, wide) == .decimal(precision: 38, scale: 6))
        #expect(try TypeRules.arithmeticType(.add, wide, wide) == .decimal(precision: 38, scale: 9))
    }

    @Test func stringsAddAndBooleansDont() throws {
        #expect(try TypeRules.arithmeticType(.add, .string, .string) == .string)
        #expect(
            errorMessage { _ = try TypeRules.arithmeticType(.add, .boolean, .decimal(precision: 2, scale: 1)) }
                == "Unsupported arithmetic types. BOOLEAN DECIMAL")
        #expect(errorMessage { _ = try TypeRules.arithmeticType(.multiply, .string, .string) } != nil)
    }

    @Test func negationAndConcatenation() throws {
        #expect(try TypeRules.negationType(.bigint) == .bigint)
        #expect(errorMessage { _ = try TypeRules.negationType(.string) } != nil)
        #expect(try TypeRules.concatenationType(.string, .string) == .string)
        #expect(try TypeRules.concatenationType(.bytes, .bytes) == .bytes)
        #expect(errorMessage { _ = try TypeRules.concatenationType(.integer, .string) } != nil)
    }
}

@Suite struct ComparisonTypeTests {
    @Test func numbersMeetAtTheWiderType() throws {
        #expect(try TypeRules.comparisonOperandTypes(.less, .integer, .bigint) == (.bigint, .bigint))
        #expect(try TypeRules.comparisonOperandTypes(.less, .integer, .double) == (.double, .double))
        #expect(
            try TypeRules.comparisonOperandTypes(.less, .bigint, .decimal(precision: 4, scale: 2))
                == (.decimal(precision: 19, scale: 0), .decimal(precision: 4, scale: 2)))
        // DECIMAL against DOUBLE stays mixed: the runtime compares them exactly.
        #expect(
            try TypeRules.comparisonOperandTypes(.less, .double, .decimal(precision: 4, scale: 2))
                == (.double, .decimal(precision: 4, scale: 2)))
    }

    @Test func stringsParseAgainstTemporalTypes() throws {
        #expect(try TypeRules.comparisonOperandTypes(.greater, .timestamp, .string) == (.timestamp, .timestamp))
        #expect(try TypeRules.comparisonOperandTypes(.greater, .string, .date) == (.date, .date))
        #expect(try TypeRules.comparisonOperandTypes(.equal, .date, .timestamp) == (.timestamp, .timestamp))
        #expect(try TypeRules.comparisonOperandTypes(.equal, .time, .string) == (.time, .time))
        #expect(!TypeRules.isComparable(.equal, .time, .timestamp))
    }

    @Test func structuredTypesAndBooleansCompareOnlyForEquality() {
        #expect(TypeRules.isComparable(.equal, .boolean, .boolean))
        #expect(!TypeRules.isComparable(.less, .boolean, .boolean))
        #expect(TypeRules.isComparable(.notEqual, .array(.integer), .array(.integer)))
        #expect(
            !TypeRules.isComparable(.greater, .map(key: .string, value: .integer), .map(key: .string, value: .integer)))
        #expect(TypeRules.isComparable(.less, .bytes, .bytes))
    }

    @Test func mismatchReadsLikeKsql() {
        let message = errorMessage {
            _ = try TypeRules.comparisonOperandTypes(
                .greaterOrEqual, .integer, .string, leftText: "ID", rightText: "'not an int'")
        }
        #expect(message == "Cannot compare ID (INTEGER) to 'not an int' (STRING) with GREATER_THAN_OR_EQUAL.")
    }
}

@Suite struct CoercionTests {
    @Test func implicitCastsWiden() {
        #expect(TypeRules.canImplicitlyCast(.integer, to: .bigint))
        #expect(TypeRules.canImplicitlyCast(.bigint, to: .double))
        #expect(!TypeRules.canImplicitlyCast(.double, to: .bigint))
        #expect(TypeRules.canImplicitlyCast(.decimal(precision: 4, scale: 2), to: .decimal(precision: 6, scale: 3)))
        #expect(!TypeRules.canImplicitlyCast(.decimal(precision: 4, scale: 2), to: .decimal(precision: 4, scale: 3)))
        #expect(TypeRules.canImplicitlyCast(.string, to: .timestamp))
        #expect(!TypeRules.canImplicitlyCast(.timestamp, to: .string))
        #expect(TypeRules.canImplicitlyCast(.array(.integer), to: .array(.bigint)))
    }

    @Test func widerTypes() {
        #expect(TypeRules.widerType(.integer, .bigint) == .bigint)
        #expect(
            TypeRules.widerType(.decimal(precision: 9, scale: 2), .decimal(precision: 7, scale: 6))
                == .decimal(precision: 13, scale: 6))
        #expect(TypeRules.widerType(.bigint, .decimal(precision: 4, scale: 2)) == .decimal(precision: 21, scale: 2))
        #expect(TypeRules.widerType(.string, .integer) == nil)
        #expect(
            TypeRules.widerType(.struct([.init("A", .integer)]), .struct([.init("B", .string)]))
                == .struct([.init("A", .integer), .init("B", .string)]))
    }

    @Test func listsJoinLiteralsLeniently() throws {
        #expect(try TypeRules.commonType(of: [.expression(.integer), .stringLiteral("10")]) == .integer)
        #expect(
            try TypeRules.commonType(of: [.expression(.integer), .stringLiteral("10.5")])
                == .decimal(precision: 11, scale: 1))
        #expect(try TypeRules.commonType(of: [.expression(.bigint), .null, .literal(.integer)]) == .bigint)
        #expect(try TypeRules.commonType(of: [.expression(.boolean), .stringLiteral("yes")]) == .boolean)
        #expect(try TypeRules.commonType(of: [.expression(.string), .literal(.integer)]) == .string)
        #expect(try TypeRules.commonType(of: [.expression(.timestamp), .expression(.string)]) == .timestamp)
        #expect(try TypeRules.commonType(of: [.null, .null]) == nil)
    }

    @Test func listsRejectWhatDoesNotJoin() {
        #expect(
            errorMessage { _ = try TypeRules.commonType(of: [.expression(.integer), .stringLiteral("abc")]) }
                == "invalid input syntax for type INTEGER: \"abc\".")
        #expect(
            errorMessage { _ = try TypeRules.commonType(of: [.expression(.string), .expression(.integer)]) } != nil)
        #expect(
            errorMessage { _ = try TypeRules.commonType(of: [.expression(.boolean), .stringLiteral("maybe")]) } != nil)
    }

    @Test func castsFollowTheCastEvaluatorTable() {
        #expect(TypeRules.canCast(.string, to: .decimal(precision: 4, scale: 2)))
        #expect(TypeRules.canCast(.timestamp, to: .date))
        #expect(TypeRules.canCast(.array(.bigint), to: .array(.string)))
        #expect(TypeRules.canCast(.map(key: .string, value: .integer), to: .string))
        #expect(!TypeRules.canCast(.bytes, to: .string))
        #expect(!TypeRules.canCast(.integer, to: .boolean))
        #expect(!TypeRules.canCast(.time, to: .timestamp))
        let message = errorMessage {
            try TypeRules.checkCast(.string, to: .struct([.init("F0", .string), .init("F1", .integer)]))
        }
        #expect(message == "Cast of STRING to STRUCT<`F0` STRING, `F1` INTEGER> is not supported")
    }
}

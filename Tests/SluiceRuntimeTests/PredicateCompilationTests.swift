import SluiceCore
import SluiceFunctions
import SluicePlan
import SluiceRuntime
import Testing

@Suite struct PredicateCompilationTests {
    let row: [Value] = [
        .bigint(5), .null, .boolean(true), .boolean(false), .string("this"), .double(.nan), .integer(3),
    ]

    @Test func comparisonsWithNullAreFalse() throws {
        for op in ComparisonOperator.allCases {
            #expect(try value(.comparison(op: op, left: col(1, .bigint), right: bigint(5)), row) == .boolean(false))
            #expect(try value(.comparison(op: op, left: bigint(5), right: col(1, .bigint)), row) == .boolean(false))
        }
        #expect(
            try value(.not(.comparison(op: .equal, left: col(1, .bigint), right: bigint(5))), row) == .boolean(true))
    }

    @Test func typedComparisons() throws {
        #expect(try test(.comparison(op: .greater, left: col(0, .bigint), right: bigint(4)), row))
        #expect(try test(.comparison(op: .less, left: bigint(4), right: col(0, .bigint)), row))
        #expect(try test(.comparison(op: .equal, left: col(6, .integer), right: integer(3)), row))
        #expect(try test(.comparison(op: .lessOrEqual, left: col(6, .integer), right: col(0, .bigint)), row))
        #expect(try !test(.comparison(op: .equal, left: col(5, .double), right: col(5, .double)), row))
        #expect(try !test(.comparison(op: .notEqual, left: col(5, .double), right: lit(.double(1), .double)), row))
        let modFilter = PlanExpr.comparison(
            op: .equal, left: .arithmetic(op: .modulo, left: col(0, .bigint), right: bigint(5), type: .bigint),
            right: bigint(0))
        #expect(try test(modFilter, row))
    }

    @Test func genericComparisons() throws {
        #expect(try test(.comparison(op: .less, left: col(4, .string), right: text("z")), row))
        #expect(try test(.comparison(op: .equal, left: col(2, .boolean), right: lit(.boolean(true), .boolean)), row))
        let date = PlanExpr.cast(operand: text("2022-06-14"), type: .date)
        #expect(try test(.comparison(op: .greater, left: date, right: lit(.date(19000), .date))))
        let decimals = PlanExpr.comparison(
            op: .less, left: lit(decimal("10.01"), .decimal(precision: 4, scale: 2)),
            right: lit(decimal("10.012"), .decimal(precision: 5, scale: 3)))
        #expect(try test(decimals))
    }

    @Test func threeValuedLogic() throws {
        let yes = col(2, .boolean)
        let no = col(3, .boolean)
        let unknown = col(1, .boolean)
        #expect(try value(.and([yes, unknown]), row) == .null)
        #expect(try value(.and([no, unknown]), row) == .boolean(false))
        #expect(try value(.and([unknown, no]), row) == .boolean(false))
        #expect(try value(.or([yes, unknown]), row) == .boolean(true))
        #expect(try value(.or([unknown, no]), row) == .null)
        #expect(try value(.or([no, no, yes]), row) == .boolean(true))
        #expect(try value(.and([yes, yes, unknown]), row) == .null)
        #expect(try value(.not(unknown), row) == .null)
        #expect(try !test(.and([yes, unknown]), row))
    }

    @Test func andShortCircuitsBeforeErrors() throws {
        let failing = PlanExpr.comparison(
            op: .equal, left: .arithmetic(op: .divide, left: col(0, .bigint), right: bigint(0), type: .bigint),
            right: bigint(1))
        #expect(try value(.and([col(3, .boolean), failing]), row) == .boolean(false))
        #expect(recordError(.and([col(2, .boolean), failing]), row) == "/ by zero")
    }

    @Test func nullTests() throws {
        #expect(try value(.isNull(operand: col(1, .bigint), negated: false), row) == .boolean(true))
        #expect(try value(.isNull(operand: col(0, .bigint), negated: true), row) == .boolean(true))
        let computed = PlanExpr.arithmetic(op: .add, left: col(1, .bigint), right: bigint(1), type: .bigint)
        #expect(try value(.isNull(operand: computed, negated: false), row) == .boolean(true))
        #expect(
            try value(.isDistinctFrom(left: col(1, .bigint), right: lit(.null, .bigint), negated: false), row)
                == .boolean(false))
        #expect(
            try value(.isDistinctFrom(left: col(1, .bigint), right: bigint(5), negated: false), row) == .boolean(true))
        #expect(
            try value(.isDistinctFrom(left: col(0, .bigint), right: bigint(5), negated: true), row) == .boolean(true))
    }

    @Test func between() throws {
        #expect(try test(.between(operand: col(0, .bigint), low: bigint(2), high: bigint(5), negated: false), row))
        #expect(try !test(.between(operand: col(0, .bigint), low: bigint(6), high: bigint(9), negated: false), row))
        #expect(try test(.between(operand: col(0, .bigint), low: bigint(6), high: bigint(9), negated: true), row))
        #expect(
            try value(.between(operand: col(1, .bigint), low: bigint(2), high: bigint(5), negated: false), row)
                == .boolean(false))
        #expect(
            try value(.between(operand: col(1, .bigint), low: bigint(2), high: bigint(5), negated: true), row)
                == .boolean(true))
        #expect(
            try !test(.between(operand: col(0, .bigint), low: col(1, .bigint), high: bigint(9), negated: false), row))
        #expect(try test(.between(operand: col(4, .string), low: text("b"), high: text("tz"), negated: false), row))
    }

    @Test func inList() throws {
        #expect(
            try test(
                .inList(operand: col(0, .bigint), list: [bigint(1), lit(.null, .bigint), bigint(5)], negated: false),
                row))
        #expect(try !test(.inList(operand: col(0, .bigint), list: [bigint(1)], negated: false), row))
        #expect(try value(.inList(operand: col(1, .bigint), list: [bigint(1)], negated: false), row) == .boolean(false))
        #expect(try value(.inList(operand: col(1, .bigint), list: [bigint(1)], negated: true), row) == .boolean(true))
        #expect(
            try test(.inList(operand: col(4, .string), list: [text("that"), col(4, .string)], negated: false), row))
        let computed = PlanExpr.arithmetic(op: .add, left: col(0, .bigint), right: bigint(1), type: .bigint)
        #expect(try test(.inList(operand: computed, list: [bigint(6)], negated: false), row))
        let decimals = PlanExpr.inList(
            operand: lit(decimal("1.10"), .decimal(precision: 3, scale: 2)),
            list: [lit(decimal("1.1"), .decimal(precision: 3, scale: 2))],
            negated: false)
        #expect(try test(decimals))
    }

    @Test func like() throws {
        #expect(try test(.like(operand: col(4, .string), pattern: text("%hi%"), escape: nil, negated: false), row))
        #expect(try test(.like(operand: col(4, .string), pattern: text("T%"), escape: nil, negated: true), row))
        #expect(
            try value(.like(operand: col(1, .string), pattern: text("%"), escape: nil, negated: false), row) == .null)
        #expect(try test(.like(operand: text("50%"), pattern: text("50!%"), escape: "!", negated: false)))
        #expect(try test(.like(operand: col(4, .string), pattern: col(4, .string), escape: nil, negated: false), row))
        #expect(throws: SQLTypeError.self) {
            try ExpressionCompiler.compile(
                .like(operand: col(4, .string), pattern: text("abc!"), escape: "!", negated: false))
        }
    }

    @Test func nonBooleanExpressionsAsPredicates() throws {
        #expect(try test(col(2, .boolean), row))
        #expect(try !test(col(1, .boolean), row))
        let call = PlanExpr.call(
            function: "IFNULL", arguments: [col(1, .boolean), lit(.boolean(true), .boolean)], type: .boolean)
        #expect(try test(call, row))
    }
}

@Suite struct TemporalPredicateTests {
    let row: [Value] = [.timestamp(1_514_764_800_001), .date(19157), .time(33_360_000), .null]

    @Test func timestampsCompareWithParsedLiterals() throws {
        let literal = PlanExpr.cast(operand: text("2018-01-01T00:00:00.001"), type: .timestamp)
        #expect(try test(.comparison(op: .equal, left: col(0, .timestamp), right: literal), row))
        #expect(
            try test(
                .comparison(
                    op: .greater, left: col(0, .timestamp), right: .cast(operand: text("2018"), type: .timestamp)), row)
        )
        #expect(try !test(.comparison(op: .greater, left: col(3, .timestamp), right: literal), row))
        let range = PlanExpr.between(
            operand: col(0, .timestamp), low: .cast(operand: text("2018"), type: .timestamp),
            high: .cast(operand: text("2018-01-01T00:00:01"), type: .timestamp), negated: false)
        #expect(try test(range, row))
    }

    @Test func badLiteralsStayRecordErrorsPerRow() throws {
        let bad = PlanExpr.comparison(
            op: .less, left: col(0, .timestamp), right: .cast(operand: text("nope"), type: .timestamp))
        let result = try evaluate(bad, row)
        #expect(result.value == .boolean(false))
        #expect(result.suppressed.count == 1)
    }

    @Test func datesAndTimes() throws {
        #expect(
            try test(
                .comparison(op: .equal, left: col(1, .date), right: .cast(operand: text("2022-06-14"), type: .date)),
                row))
        #expect(
            try test(
                .comparison(op: .lessOrEqual, left: col(2, .time), right: .cast(operand: text("09:16"), type: .time)),
                row))
        #expect(try test(.comparison(op: .greater, left: col(2, .time), right: lit(.time(0), .time)), row))
    }
}

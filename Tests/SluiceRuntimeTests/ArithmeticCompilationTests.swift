import SluiceCore
import SluiceFunctions
import SluicePlan
import SluiceRuntime
import Testing

@Suite struct ArithmeticCompilationTests {
    let row: [Value] = [.bigint(1000), .integer(7), .double(2.5), .null, decimal("10.01"), .bigint(0)]

    @Test func integerShapes() throws {
        let times = PlanExpr.arithmetic(op: .multiply, left: col(0, .bigint), right: bigint(3), type: .bigint)
        #expect(try value(times, row) == .bigint(3000))
        let columns = PlanExpr.arithmetic(op: .add, left: col(0, .bigint), right: col(1, .integer), type: .bigint)
        #expect(try value(columns, row) == .bigint(1007))
        let nested = PlanExpr.arithmetic(
            op: .subtract, left: .arithmetic(op: .modulo, left: col(0, .bigint), right: bigint(300), type: .bigint),
            right: .negate(operand: col(1, .integer), type: .integer), type: .bigint)
        #expect(try value(nested, row) == .bigint(107))
        let ints = PlanExpr.arithmetic(op: .divide, left: col(1, .integer), right: integer(2), type: .integer)
        #expect(try value(ints, row) == .integer(3))
        let wraps = PlanExpr.arithmetic(op: .add, left: integer(.max), right: integer(1), type: .integer)
        #expect(try value(wraps) == .integer(.min))
    }

    @Test func nullPropagates() throws {
        let withNull = PlanExpr.arithmetic(op: .add, left: col(3, .bigint), right: bigint(1), type: .bigint)
        #expect(try value(withNull, row) == .null)
        let nullLiteral = PlanExpr.arithmetic(
            op: .multiply, left: col(0, .bigint), right: lit(.null, .bigint), type: .bigint)
        #expect(try value(nullLiteral, row) == .null)
        #expect(try value(.negate(operand: col(3, .double), type: .double), row) == .null)
    }

    @Test func divisionByZeroFailsTheExpression() {
        let divide = PlanExpr.arithmetic(op: .divide, left: col(0, .bigint), right: col(5, .bigint), type: .bigint)
        #expect(recordError(divide, row) == "/ by zero")
        let modulo = PlanExpr.arithmetic(op: .modulo, left: col(0, .bigint), right: bigint(0), type: .bigint)
        #expect(recordError(modulo, row) == "/ by zero")
    }

    @Test func doublesWidenTheirOperands() throws {
        let mixed = PlanExpr.arithmetic(op: .multiply, left: col(1, .integer), right: col(2, .double), type: .double)
        #expect(try value(mixed, row) == .double(17.5))
        let byZero = PlanExpr.arithmetic(
            op: .divide, left: col(2, .double), right: lit(.double(0), .double), type: .double)
        #expect(try value(byZero, row) == .double(.infinity))
    }

    @Test func decimalArithmetic() throws {
        let q1 = PlanExpr.arithmetic(
            op: .multiply, left: .cast(operand: col(0, .bigint), type: .decimal(precision: 19, scale: 0)),
            right: lit(decimal("0.908"), .decimal(precision: 3, scale: 3)), type: .decimal(precision: 23, scale: 3))
        #expect(try value(q1, row) == decimal("908.000"))
        let uncast = PlanExpr.arithmetic(
            op: .multiply, left: col(0, .bigint), right: lit(decimal("0.908"), .decimal(precision: 3, scale: 3)),
            type: .decimal(precision: 23, scale: 3))
        #expect(try value(uncast, row) == decimal("908.000"))
        let sum = PlanExpr.arithmetic(
            op: .add, left: col(4, .decimal(precision: 4, scale: 2)), right: col(1, .integer),
            type: .decimal(precision: 13, scale: 2))
        #expect(try value(sum, row) == decimal("17.01"))
        let divide = PlanExpr.arithmetic(
            op: .divide, left: col(4, .decimal(precision: 4, scale: 2)),
            right: lit(decimal("0.00"), .decimal(precision: 3, scale: 2)),
            type: .decimal(precision: 11, scale: 6))
        #expect(recordError(divide, row) == "Division by zero")
        #expect(
            try value(
                .negate(operand: col(4, .decimal(precision: 4, scale: 2)), type: .decimal(precision: 4, scale: 2)), row)
                == decimal("-10.01"))
    }

    @Test func stringAddition() throws {
        let plus = PlanExpr.arithmetic(op: .add, left: text("a"), right: lit(.null, .string), type: .string)
        #expect(try value(plus) == .string("anull"))
    }
}

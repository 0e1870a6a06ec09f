import SluiceCore
import SluiceFunctions
import SluicePlan

extension Compilation {
    /// Code for an arithmetic or negation node.
    func numeric(_ expression: PlanExpr, _ type: SQLType) throws -> ValueCode {
        switch type {
        case .integer: return try operand(expression, Int32.self).boxed
        case .bigint: return try operand(expression, Int64.self).boxed
        case .double: return try operand(expression, Double.self).boxed
        case .decimal: return try decimalOperand(expression).boxed
        default:
            guard case .arithmetic(let op, let left, let right, _) = expression else {
                throw SQLTypeError("Unsupported arithmetic type for unary minus: \(TypeRules.baseName(type))")
            }
            let operation = try ValueArithmetic.operation(op, result: type)
            let l = try value(left)
            let r = try value(right)
            return { row, context throws(RecordError) in try operation(try l(row, context), try r(row, context)) }
        }
    }

    /// An INTEGER, BIGINT or DOUBLE expression as unboxed `T`, widening narrower operands.
    func operand<T: UnboxedNumber>(_ expression: PlanExpr, _: T.Type) throws -> Operand<T> {
        switch expression {
        case .column(let index, let type):
            if T.holds(type) { return .column(index) }
            return .code { row, _ in T.widen(row[index])?.bits }
        case .literal(let value, _):
            if value.isNull { return .constant(nil) }
            if let constant = T.widen(value) { return .constant(constant) }
        case .arithmetic(let op, let left, let right, let type) where T.holds(type):
            return .code(Specialized.arithmetic(op, try operand(left, T.self), try operand(right, T.self)))
        case .negate(let inner, let type) where T.holds(type):
            switch try operand(inner, T.self) {
            case .constant(let constant): return .constant(constant.map(T.negate))
            case let other:
                let code = other.code
                return .code { row, context throws(RecordError) in
                    try code(row, context).map { T.negate(T(bits: $0)).bits }
                }
            }
        case .cast(let inner, let type) where T.holds(type):
            if let cast = try numericCast(inner, T.self) { return cast }
        default:
            break
        }
        let code = try value(expression)
        return .code { row, context throws(RecordError) in T.widen(try code(row, context))?.bits }
    }

    /// `CAST(inner AS T)` between INTEGER, BIGINT and DOUBLE with Java's conversions, or `nil`
    /// for other source types.
    func numericCast<T: UnboxedNumber>(_ inner: PlanExpr, _: T.Type) throws -> Operand<T>? {
        let source: RawCode
        let infallible: Bool
        switch inner.type {
        case .integer:
            let operand = try operand(inner, Int32.self)
            if T.self == Int32.self, case .column(let index) = operand { return .column(index) }
            let code = operand.code
            infallible = operand.isInfallible
            source = { row, context throws(RecordError) in
                try code(row, context).map { T.fromJava(Int64(Int32(bits: $0))).bits }
            }
        case .bigint:
            let operand = try operand(inner, Int64.self)
            if T.self == Int64.self, case .column(let index) = operand { return .column(index) }
            let code = operand.code
            infallible = operand.isInfallible
            source = { row, context throws(RecordError) in
                try code(row, context).map { T.fromJava(Int64(bits: $0)).bits }
            }
        case .double:
            let operand = try operand(inner, Double.self)
            if T.self == Double.self, case .column(let index) = operand { return .column(index) }
            let code = operand.code
            infallible = operand.isInfallible
            source = { row, context throws(RecordError) in
                try code(row, context).map { T.fromJava(Double(bits: $0)).bits }
            }
        default:
            return nil
        }
        if infallible { return .code(source) }
        return .code(recovering(source))
    }

    /// Code that turns an error into NULL (for CAST), keeping the error for the processing log.
    func recovering(_ code: @escaping RawCode) -> RawCode {
        { row, context in
            do throws(RecordError) {
                return try code(row, context)
            } catch {
                context.suppress(error)
                return nil
            }
        }
    }

    /// As `recovering(_:)`, for decimals.
    func recovering(_ code: @escaping DecimalCode) -> DecimalCode {
        { row, context in
            do throws(RecordError) {
                return try code(row, context)
            } catch {
                context.suppress(error)
                return nil
            }
        }
    }

    /// A DECIMAL expression (or an INTEGER or BIGINT one widened to DECIMAL) unboxed.
    func decimalOperand(_ expression: PlanExpr) throws -> DecimalOperand {
        switch expression {
        case .column(let index, let type):
            if case .decimal = type { return .column(index) }
            return .code { row, _ in ValueArithmetic.decimal(row[index]) }
        case .literal(let value, _):
            if value.isNull { return .constant(nil) }
            if let constant = ValueArithmetic.decimal(value) { return .constant(constant) }
        case .arithmetic(let op, let left, let right, .decimal(let precision, let scale)):
            return .code(
                try decimalArithmetic(op, left, right, precision: precision, scale: scale))
        case .negate(let inner, .decimal):
            let code = try decimalOperand(inner).code
            return .code { row, context throws(RecordError) in try code(row, context).map { DecimalMath.negate($0) } }
        case .cast(let inner, .decimal(let precision, let scale)):
            if let cast = try decimalCast(inner, precision: precision, scale: scale) { return cast }
        default:
            break
        }
        let code = try value(expression)
        return .code { row, context throws(RecordError) in ValueArithmetic.decimal(try code(row, context)) }
    }

    /// `CAST(inner AS DECIMAL(precision, scale))` from an integer or a decimal, or `nil`.
    func decimalCast(_ inner: PlanExpr, precision: Int, scale: Int) throws -> DecimalOperand? {
        switch inner.type {
        case .integer, .bigint:
            let digits = inner.type == .integer ? 10 : 19
            let operand = try operand(inner, Int64.self)
            if precision - scale >= digits, precision <= TypeRules.maxPrecision, let factor = DecimalMath.pow10(scale) {
                // Every integer fits: no overflow check, no error.
                if case .column(let index) = operand {
                    return .code { row, _ in
                        Int64.widen(row[index]).map { SQLDecimal(unscaled: Int128($0) * factor, scale: scale) }
                    }
                }
                let code = operand.code
                let convert: DecimalCode = { row, context throws(RecordError) in
                    try code(row, context).map { SQLDecimal(unscaled: Int128(Int64(bits: $0)) * factor, scale: scale) }
                }
                return .code(operand.isInfallible ? convert : recovering(convert))
            }
            let code = operand.code
            return .code(
                recovering { (row, context) throws(RecordError) -> SQLDecimal? in
                    guard let integer = try code(row, context) else { return nil }
                    return try DecimalCasting.fromInteger(Int64(bits: integer), precision: precision, scale: scale)
                })
        case .decimal:
            let code = try decimalOperand(inner).code
            return .code(
                recovering { (row, context) throws(RecordError) -> SQLDecimal? in
                    guard let decimal = try code(row, context) else { return nil }
                    return try DecimalCasting.fromDecimal(decimal, precision: precision, scale: scale)
                })
        default:
            return nil
        }
    }

    /// Decimal `left op right` as DECIMAL(precision, scale).
    func decimalArithmetic(
        _ op: ArithmeticOperator, _ left: PlanExpr, _ right: PlanExpr, precision: Int, scale: Int
    ) throws -> DecimalCode {
        let l = try decimalOperand(left)
        let r = try decimalOperand(right)
        if op == .multiply, case .constant(let factor?) = r {
            return try multiplyByConstant(left, l, factor, precision: precision, scale: scale)
        }
        // Multiplication commutes exactly, and a constant has nothing to evaluate first.
        if op == .multiply, case .constant(let factor?) = l {
            return try multiplyByConstant(right, r, factor, precision: precision, scale: scale)
        }
        let apply = ValueArithmetic.decimalOperation(op)
        let lc = l.code
        let rc = r.code
        return { row, context throws(RecordError) in
            guard let a = try lc(row, context), let b = try rc(row, context) else { return nil }
            return try apply(a, b, precision, scale)
        }
    }

    /// `x * constant` (or `constant * x`), the shape of `0.908 * price`. A BIGINT or INTEGER column (or its lossless
    /// cast to DECIMAL(p, 0)) is read and multiplied in one closure.
    func multiplyByConstant(
        _ left: PlanExpr, _ l: DecimalOperand, _ factor: SQLDecimal, precision: Int, scale: Int
    ) throws -> DecimalCode {
        let limit = DecimalMath.pow10(precision)?.magnitude ?? .max
        let multiplier = factor.unscaled
        let naturalScale = Int(factor.scale)
        var integerColumn: Int?
        switch left {
        case .column(let index, .bigint), .column(let index, .integer),
            .cast(.column(let index, .bigint), .decimal(19...38, 0)),
            .cast(.column(let index, .integer), .decimal(10...38, 0)):
            integerColumn = index
        default:
            break
        }
        if let index = integerColumn {
            if naturalScale == scale {
                return { row, _ throws(RecordError) in
                    guard let integer = Int64.widen(row[index]) else { return nil }
                    let (product, overflow) = Int128(integer).multipliedReportingOverflow(by: multiplier)
                    if overflow || product.magnitude >= limit {
                        throw DecimalMath.overflow(precision: precision, scale: scale)
                    }
                    return SQLDecimal(unscaled: product, scale: scale)
                }
            }
        }
        let code = l.code
        return { row, context throws(RecordError) in
            guard let a = try code(row, context) else { return nil }
            let (product, overflow) = a.unscaled.multipliedReportingOverflow(by: multiplier)
            if overflow { throw DecimalMath.overflow(precision: precision, scale: scale) }
            return try DecimalMath.fitting(
                SQLDecimal(unscaled: product, scale: Int(a.scale) + naturalScale), precision: precision, scale: scale)
        }
    }
}

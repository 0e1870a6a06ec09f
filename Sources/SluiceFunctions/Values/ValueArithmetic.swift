import SluiceCore

/// Java's arithmetic on the machine types behind INTEGER, BIGINT and DOUBLE.
///
/// Integers wrap on overflow, `MIN / -1` is `MIN` and `MIN % -1` is 0 (nothing traps); division
/// or remainder by zero is the record error `/ by zero`. Doubles follow IEEE 754: `x / 0` is an
/// infinity or NaN, and `%` is `fmod` (the dividend's sign).
public enum JavaArithmetic {
    /// The error Java's `ArithmeticException` carries for an integer division by zero.
    public static let divisionByZero = RecordError("/ by zero")

    @inlinable public static func apply(_ op: ArithmeticOperator, _ a: Int64, _ b: Int64) throws(RecordError) -> Int64 {
        switch op {
        case .add: return a &+ b
        case .subtract: return a &- b
        case .multiply: return a &* b
        case .divide:
            if b == 0 { throw divisionByZero }
            return a.dividedReportingOverflow(by: b).partialValue
        case .modulo:
            if b == 0 { throw divisionByZero }
            return a.remainderReportingOverflow(dividingBy: b).partialValue
        }
    }

    @inlinable public static func apply(_ op: ArithmeticOperator, _ a: Int32, _ b: Int32) throws(RecordError) -> Int32 {
        switch op {
        case .add: return a &+ b
        case .subtract: return a &- b
        case .multiply: return a &* b
        case .divide:
            if b == 0 { throw divisionByZero }
            return a.dividedReportingOverflow(by: b).partialValue
        case .modulo:
            if b == 0 { throw divisionByZero }
            return a.remainderReportingOverflow(dividingBy: b).partialValue
        }
    }

    @inlinable public static func apply(_ op: ArithmeticOperator, _ a: Double, _ b: Double) -> Double {
        switch op {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .modulo: a.truncatingRemainder(dividingBy: b)
        }
    }
}

/// Arithmetic on `Value`s of the types the planner settled on.
public enum ValueArithmetic {
    /// `left op right` producing `result` (the type `TypeRules.arithmeticType` gave). Operands
    /// may be narrower numbers than the result (an INTEGER in BIGINT arithmetic, a BIGINT in
    /// DECIMAL arithmetic); NULL gives NULL, except that STRING + STRING concatenates as Java
    /// does, writing `null` for NULL.
    ///
    /// - Throws: `SQLTypeError` for a result type arithmetic can't produce.
    public static func operation(
        _ op: ArithmeticOperator, result: SQLType
    ) throws(SQLTypeError) -> @Sendable (Value, Value) throws(RecordError) -> Value {
        switch result {
        case .integer:
            return { a, b throws(RecordError) in
                guard let x = a.int32Value, let y = b.int32Value else { return .null }
                return .integer(try JavaArithmetic.apply(op, x, y))
            }
        case .bigint:
            return { a, b throws(RecordError) in
                guard let x = a.int64Value, let y = b.int64Value else { return .null }
                return .bigint(try JavaArithmetic.apply(op, x, y))
            }
        case .double:
            return { a, b in
                guard let x = a.doubleValue, let y = b.doubleValue else { return .null }
                return .double(JavaArithmetic.apply(op, x, y))
            }
        case .decimal(let precision, let scale):
            let apply = decimalOperation(op)
            return { a, b throws(RecordError) in
                guard let x = decimal(a), let y = decimal(b) else { return .null }
                return .decimal(try apply(x, y, precision, scale))
            }
        case .string where op == .add:
            return { a, b in
                .string(ByteString((a.byteStringValue?.string ?? "null") + (b.byteStringValue?.string ?? "null")))
            }
        default:
            throw SQLTypeError("Unsupported arithmetic result type \(result)")
        }
    }

    /// `-value` for a value of `type`; integers wrap (`-MIN` is `MIN`).
    public static func negation(_ type: SQLType) throws(SQLTypeError) -> ValueTransform {
        _ = try TypeRules.negationType(type)
        return { value in
            switch value {
            case .integer(let v): .integer(0 &- v)
            case .bigint(let v): .bigint(0 &- v)
            case .double(let v): .double(-v)
            case .decimal(let v): .decimal(DecimalMath.negate(v))
            default: .null
            }
        }
    }

    /// An INTEGER, BIGINT or DECIMAL operand as a decimal.
    @inlinable package static func decimal(_ value: Value) -> SQLDecimal? {
        switch value {
        case .decimal(let v): v
        case .integer(let v): SQLDecimal(unscaled: Int128(v), scale: 0)
        case .bigint(let v): SQLDecimal(unscaled: Int128(v), scale: 0)
        default: nil
        }
    }

    package static func decimalOperation(
        _ op: ArithmeticOperator
    ) -> @Sendable (SQLDecimal, SQLDecimal, Int, Int) throws(RecordError) -> SQLDecimal {
        switch op {
        case .add: { a, b, p, s throws(RecordError) in try DecimalMath.add(a, b, precision: p, scale: s) }
        case .subtract: { a, b, p, s throws(RecordError) in try DecimalMath.subtract(a, b, precision: p, scale: s) }
        case .multiply: { a, b, p, s throws(RecordError) in try DecimalMath.multiply(a, b, precision: p, scale: s) }
        case .divide: { a, b, p, s throws(RecordError) in try DecimalMath.divide(a, b, precision: p, scale: s) }
        case .modulo: { a, b, p, s throws(RecordError) in try DecimalMath.remainder(a, b, precision: p, scale: s) }
        }
    }
}

import SluiceCore

/// ksqlDB's typing rules for operators, casts and coercions, as the planner applies them.
///
/// Every rule is a pure function of `SQLType`s; runtime semantics live in `ValueCasts`,
/// `DecimalMath` and the expression compiler.
public enum TypeRules {
    /// The largest precision a result type gets; wider results are narrowed as described in
    /// `arithmeticType(_:_:_:)`.
    public static let maxPrecision = SQLType.maxDecimalPrecision

    /// The name ksqlDB uses for a type's base type in messages: `INTEGER`, `DECIMAL`, `ARRAY`.
    public static func baseName(_ type: SQLType) -> String { type.baseName }

    /// The position of a numeric type in ksqlDB's widening order INTEGER < BIGINT < DECIMAL < DOUBLE.
    static func numericRank(_ type: SQLType) -> Int? {
        switch type {
        case .integer: 0
        case .bigint: 1
        case .decimal: 2
        case .double: 3
        default: nil
        }
    }

    /// The precision and scale that hold every value of an INTEGER (10, 0), BIGINT (19, 0) or
    /// DECIMAL exactly, as ksqlDB's `DecimalUtil.toSqlDecimal`; `nil` for other types.
    public static func decimalShape(of type: SQLType) -> (precision: Int, scale: Int)? {
        switch type {
        case .integer: (10, 0)
        case .bigint: (19, 0)
        case .decimal(let precision, let scale): (precision, scale)
        default: nil
        }
    }

    /// `decimalShape(of:)` as a type: INTEGER becomes DECIMAL(10, 0), BIGINT DECIMAL(19, 0).
    public static func decimalType(holding type: SQLType) -> SQLType? {
        decimalShape(of: type).map { .decimal(precision: $0.precision, scale: $0.scale) }
    }

    /// A DECIMAL wide enough for both operands (ksqlDB's `DecimalUtil.widen`): the larger integral
    /// part and the larger scale.
    public static func widenDecimals(_ left: SQLType, _ right: SQLType) -> SQLType? {
        guard let l = decimalShape(of: left), let r = decimalShape(of: right) else { return nil }
        let scale = max(l.scale, r.scale)
        let integral = max(l.precision - l.scale, r.precision - r.scale)
        return capped(precision: integral + scale, scale: scale)
    }

    /// Keeps a computed decimal type within 38 digits. When ksqlDB's rule asks for more (its
    /// BigDecimal has no limit), the integral digits are kept and the scale shrinks, but never
    /// below six fraction digits (the rule SQL Server and Spark use).
    static func capped(precision: Int, scale: Int) -> SQLType {
        if precision <= maxPrecision { return .decimal(precision: max(precision, 1), scale: scale) }
        let integral = precision - scale
        let newScale = min(scale, max(maxPrecision - integral, min(scale, 6)))
        return .decimal(precision: maxPrecision, scale: max(0, newScale))
    }
}

extension TypeRules {
    /// The type of `left op right`, as ksqlDB's `Operator.resultType`.
    ///
    /// - INTEGER with BIGINT is BIGINT; anything with DOUBLE is DOUBLE.
    /// - With a DECIMAL, an INTEGER or BIGINT operand counts as DECIMAL(10, 0) or DECIMAL(19, 0),
    ///   and the result follows BigDecimal's rules for `p1, s1` and `p2, s2`:
    ///   `+ -`: scale max(s1, s2), precision scale + max(p1 - s1, p2 - s2) + 1;
    ///   `*`: p1 + p2 + 1, s1 + s2; `/`: scale max(6, s1 + p2 + 1), precision p1 - s1 + s2 + scale;
    ///   `%`: scale max(s1, s2), precision min(p1 - s1, p2 - s2) + scale.
    /// - `STRING + STRING` is STRING (Java string concatenation).
    ///
    /// - Throws: `SQLTypeError` "Unsupported arithmetic types. BOOLEAN DECIMAL" for other operands.
    public static func arithmeticType(
        _ op: ArithmeticOperator, _ left: SQLType, _ right: SQLType
    ) throws(SQLTypeError) -> SQLType {
        if op == .add, left == .string, right == .string { return .string }
        guard let leftRank = numericRank(left), let rightRank = numericRank(right) else {
            throw SQLTypeError("Unsupported arithmetic types. \(baseName(left)) \(baseName(right))")
        }
        let wider = leftRank >= rightRank ? left : right
        guard case .decimal = wider else { return wider }
        // Both sides are now INTEGER, BIGINT or DECIMAL.
        let l = decimalShape(of: left)!
        let r = decimalShape(of: right)!
        return decimalArithmeticType(op, l, r)
    }

    static func decimalArithmeticType(
        _ op: ArithmeticOperator, _ l: (precision: Int, scale: Int), _ r: (precision: Int, scale: Int)
    ) -> SQLType {
        let precision: Int
        let scale: Int
        switch op {
        case .add, .subtract:
            scale = max(l.scale, r.scale)
            precision = scale + max(l.precision - l.scale, r.precision - r.scale) + 1
        case .multiply:
            precision = l.precision + r.precision + 1
            scale = l.scale + r.scale
        case .divide:
            scale = max(6, l.scale + r.precision + 1)
            precision = l.precision - l.scale + r.scale + scale
        case .modulo:
            scale = max(l.scale, r.scale)
            precision = min(l.precision - l.scale, r.precision - r.scale) + scale
        }
        return capped(precision: precision, scale: scale)
    }

    /// The type of `-operand`: the operand's own numeric type.
    public static func negationType(_ operand: SQLType) throws(SQLTypeError) -> SQLType {
        guard operand.isNumeric else {
            throw SQLTypeError("Unsupported arithmetic type for unary minus: \(baseName(operand))")
        }
        return operand
    }

    /// The type of `left || right`, which ksqlDB plans as `CONCAT(left, right)`: STRING for two
    /// strings, BYTES for two byte strings.
    public static func concatenationType(_ left: SQLType, _ right: SQLType) throws(SQLTypeError) -> SQLType {
        switch (left, right) {
        case (.string, .string): return .string
        case (.bytes, .bytes): return .bytes
        default:
            throw SQLTypeError("Function 'concat' does not accept parameters (\(left), \(right)).")
        }
    }
}

import SluiceCore

extension TypeRules {
    /// The types to cast each side of `left op right` to before comparing, as ksqlDB's
    /// `ComparisonUtil` and code generator have them.
    ///
    /// - Numbers compare with numbers: INTEGER with BIGINT as BIGINT, an integer with DOUBLE as
    ///   DOUBLE, an integer with DECIMAL as decimals. DECIMAL with DOUBLE keeps both types: the
    ///   runtime compares them exactly, as ksqlDB's `BigDecimal.valueOf(double)` does.
    /// - STRING compares with STRING, BYTES with BYTES; both with every operator.
    /// - DATE, TIME and TIMESTAMP compare with their own type and with STRING, which is parsed
    ///   (`'2020-05-26T10:00'`); DATE with TIMESTAMP compares as TIMESTAMP.
    /// - BOOLEAN, ARRAY, MAP and STRUCT support only `=` and `<>`, against the same base type.
    ///
    /// `IS [NOT] DISTINCT FROM` follows the rules of `=`.
    ///
    /// - Parameters:
    ///   - leftText: the left operand's SQL, for the error message.
    ///   - rightText: the right operand's SQL, for the error message.
    /// - Throws: `SQLTypeError` "Cannot compare ID (INTEGER) to 'x' (STRING) with GREATER_THAN."
    public static func comparisonOperandTypes(
        _ op: ComparisonOperator, _ left: SQLType, _ right: SQLType,
        leftText: String? = nil, rightText: String? = nil
    ) throws(SQLTypeError) -> (left: SQLType, right: SQLType) {
        if let types = comparableTypes(op, left, right) { return types }
        let l = leftText.map { "\($0) (\(left))" } ?? "\(left)"
        let r = rightText.map { "\($0) (\(right))" } ?? "\(right)"
        throw SQLTypeError("Cannot compare \(l) to \(r) with \(op.ksqlName).")
    }

    /// Whether `left op right` is a valid comparison.
    public static func isComparable(_ op: ComparisonOperator, _ left: SQLType, _ right: SQLType) -> Bool {
        comparableTypes(op, left, right) != nil
    }

    static func comparableTypes(
        _ op: ComparisonOperator, _ left: SQLType, _ right: SQLType
    ) -> (left: SQLType, right: SQLType)? {
        if left.isNumeric, right.isNumeric { return numericComparisonTypes(left, right) }
        switch (left, right) {
        case (.string, .string), (.bytes, .bytes): return (left, right)
        case (.boolean, .boolean): return op.isEquality ? (left, right) : nil
        case (.array, .array), (.map, .map), (.struct, .struct): return op.isEquality ? (left, right) : nil
        default: break
        }
        return temporalComparisonType(left, right).map { ($0, $0) }
    }

    static func numericComparisonTypes(_ left: SQLType, _ right: SQLType) -> (left: SQLType, right: SQLType) {
        if left == right { return (left, right) }
        switch (left, right) {
        case (.decimal, .double), (.double, .decimal), (.decimal, .decimal): return (left, right)
        case (.double, _), (_, .double): return (.double, .double)
        case (.decimal, _): return (left, decimalType(holding: right)!)
        case (_, .decimal): return (decimalType(holding: left)!, right)
        default: return (.bigint, .bigint)
        }
    }

    /// The temporal type both sides of a comparison become, or `nil` when they don't compare.
    static func temporalComparisonType(_ left: SQLType, _ right: SQLType) -> SQLType? {
        func isTemporal(_ type: SQLType) -> Bool { type == .date || type == .time || type == .timestamp }
        guard isTemporal(left) || isTemporal(right) else { return nil }
        guard (isTemporal(left) || left == .string) && (isTemporal(right) || right == .string) else { return nil }
        if left == .time || right == .time {
            return (left == .timestamp || left == .date || right == .timestamp || right == .date) ? nil : .time
        }
        if left == .timestamp || right == .timestamp { return .timestamp }
        return .date
    }
}

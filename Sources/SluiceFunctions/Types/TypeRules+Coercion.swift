import SluiceCore

extension TypeRules {
    /// Whether a value of `from` may be passed where `to` is expected without an explicit CAST,
    /// as ksqlDB's function resolution allows: numbers widen INTEGER → BIGINT → DECIMAL → DOUBLE,
    /// and STRING converts to DATE, TIME, TIMESTAMP and BYTES. A DECIMAL widens to a DECIMAL whose
    /// scale and integral digits are both at least as large. Arrays and map values widen element
    /// by element; structs must match exactly.
    public static func canImplicitlyCast(_ from: SQLType, to: SQLType) -> Bool {
        if from == to { return true }
        switch (from, to) {
        case (.decimal(let fp, let fs), .decimal(let tp, let ts)):
            return fs <= ts && fp - fs <= tp - ts
        case (.string, .date), (.string, .time), (.string, .timestamp), (.string, .bytes):
            return true
        case (.array(let f), .array(let t)):
            return canImplicitlyCast(f, to: t)
        case (.map(let fk, let fv), .map(let tk, let tv)):
            return fk == tk && canImplicitlyCast(fv, to: tv)
        default:
            guard let f = numericRank(from), let t = numericRank(to) else { return false }
            return f < t
        }
    }

    /// Whether a base type widens to another in function resolution (the rule above without
    /// DECIMAL precision): the test ksqlDB's `SqlBaseType.canImplicitlyCast` makes.
    static func baseCanImplicitlyCast(_ from: SQLType, to: SQLType) -> Bool {
        if baseName(from) == baseName(to) { return true }
        switch (from, to) {
        case (.string, .date), (.string, .time), (.string, .timestamp), (.string, .bytes): return true
        default:
            guard let f = numericRank(from), let t = numericRank(to) else { return false }
            return f < t
        }
    }

    /// The narrowest type both `a` and `b` widen to without parsing (ksqlDB's strict coercion), or
    /// `nil`: numbers widen as in `canImplicitlyCast(_:to:)` (two decimals widen to a decimal that
    /// holds both), STRING meets DATE, TIME, TIMESTAMP or BYTES as that type, arrays and maps
    /// widen element-wise, and structs take the union of their fields.
    public static func widerType(_ a: SQLType, _ b: SQLType) -> SQLType? {
        if a == b { return a }
        switch (a, b) {
        case (.array(let x), .array(let y)):
            return widerType(x, y).map { .array($0) }
        case (.map(let xk, let xv), .map(let yk, let yv)):
            guard let key = widerType(xk, yk), let value = widerType(xv, yv) else { return nil }
            return .map(key: key, value: value)
        case (.struct(let x), .struct(let y)):
            return widerStruct(x, y)
        case (.string, .date), (.string, .time), (.string, .timestamp), (.string, .bytes):
            return b
        case (.date, .string), (.time, .string), (.timestamp, .string), (.bytes, .string):
            return a
        default:
            guard let ra = numericRank(a), let rb = numericRank(b) else { return nil }
            if ra == 3 || rb == 3 { return .double }
            if ra == 2 || rb == 2 { return widenDecimals(a, b) }
            return ra > rb ? a : b
        }
    }

    static func widerStruct(_ x: [SQLType.StructField], _ y: [SQLType.StructField]) -> SQLType? {
        var fields = x
        for field in y {
            if let index = fields.firstIndex(where: { $0.name == field.name }) {
                guard let type = widerType(fields[index].type, field.type) else { return nil }
                fields[index].type = type
            } else {
                fields.append(field)
            }
        }
        return .struct(fields)
    }
}

/// One element of a list whose elements must share a type: the arms of CASE, the values of
/// `IN (...)`, the elements of `ARRAY[...]` and the arguments of COALESCE.
public enum CoercionOperand: Hashable, Sendable {
    /// The `NULL` literal, which takes whatever type the others settle on.
    case null
    /// A string literal; it may turn into a number or a boolean when the others are one.
    case stringLiteral(String)
    /// Any other literal of the given type; literals convert to STRING leniently.
    case literal(SQLType)
    /// A non-literal expression of the given type.
    case expression(SQLType)
}

extension TypeRules {
    /// The common type of a list of operands, as ksqlDB's `CoercionUtil.coerceUserList`; `nil`
    /// when every operand is NULL. The planner then casts each operand to it.
    ///
    /// Expressions widen strictly (`widerType`). Literals are lenient: `'10'` joins numbers
    /// (INTEGER, BIGINT, DECIMAL or DOUBLE as it reads), `'true'` joins booleans, and numeric,
    /// boolean and temporal literals join strings.
    ///
    /// - Throws: `SQLTypeError` when two operands have no common type, or a string literal does
    ///   not parse as the numbers or booleans it joins.
    public static func commonType(of operands: [CoercionOperand]) throws(SQLTypeError) -> SQLType? {
        var common: SQLType?
        for operand in operands {
            guard let current = common else {
                common = type(of: operand)
                continue
            }
            common = try join(current, operand)
        }
        return common
    }

    static func type(of operand: CoercionOperand) -> SQLType? {
        switch operand {
        case .null: nil
        case .stringLiteral: .string
        case .literal(let type), .expression(let type): type
        }
    }

    static func join(_ target: SQLType, _ operand: CoercionOperand) throws(SQLTypeError) -> SQLType {
        switch operand {
        case .null:
            return target
        case .stringLiteral(let text) where target.isNumeric:
            return try numericType(ofLiteral: text, joining: target)
        case .stringLiteral(let text) where target == .boolean:
            guard JavaText.parseBooleanExactly(JavaText.trim(text)) != nil else {
                throw SQLTypeError("invalid input syntax for type BOOLEAN: \"\(text)\".")
            }
            return .boolean
        case .stringLiteral, .literal, .expression:
            let source = type(of: operand)!
            let lenient: Bool
            if case .expression = operand { lenient = false } else { lenient = true }
            if let joined = coerce(source, to: target, lenient: lenient) ?? coerce(target, to: source, lenient: lenient)
            {
                return joined
            }
            throw SQLTypeError(
                "operator does not exist: \(target) = \(source)\nHint: You might need to add explicit type casts.")
        }
    }

    /// ksqlDB's `DefaultSqlValueCoercer.canCoerce`: the type a value of `from` takes when joined
    /// with `to`, or `nil`.
    static func coerce(_ from: SQLType, to: SQLType, lenient: Bool) -> SQLType? {
        if lenient {
            switch (from, to) {
            case (.boolean, .string), (.integer, .string), (.bigint, .string), (.decimal, .string),
                (.double, .string), (.timestamp, .string), (.time, .string), (.date, .string):
                return .string
            case (.string, .boolean), (.string, .integer), (.string, .bigint), (.string, .decimal),
                (.string, .double):
                return to
            default: break
            }
        }
        switch (from, to) {
        case (.string, .timestamp), (.string, .time), (.string, .date), (.string, .bytes):
            return to
        case (.array(let f), .array(let t)):
            return coerce(f, to: t, lenient: lenient).map { .array($0) }
        case (.map(let fk, let fv), .map(let tk, let tv)):
            guard let key = coerce(fk, to: tk, lenient: lenient),
                let value = coerce(fv, to: tv, lenient: lenient)
            else { return nil }
            return .map(key: key, value: value)
        case (.struct(let f), .struct(let t)):
            return widerStruct(t, f)
        default:
            if from == to { return to }
            guard let rf = numericRank(from), let rt = numericRank(to), rf <= rt else { return nil }
            if rt == 2 { return widenDecimals(from, to) }
            return to
        }
    }

    /// The numeric type a string literal joins `target` as (ksqlDB's
    /// `resolveCommonNumericTypeFromStringLiteral`).
    static func numericType(ofLiteral text: String, joining target: SQLType) throws(SQLTypeError) -> SQLType {
        let trimmed = JavaText.trim(text)
        guard let decimal = DecimalCasting.parse(trimmed) else {
            throw SQLTypeError("invalid input syntax for type \(target): \"\(text)\".")
        }
        let hasPointOrExponent = text.contains(".") || text.contains("e") || text.contains("E")
        var source: SQLType
        if !hasPointOrExponent, decimal.scale == 0, decimal.unscaled > Int128(Int32.min),
            decimal.unscaled < Int128(Int32.max)
        {
            source = .integer
        } else if !hasPointOrExponent, decimal.scale == 0, decimal.unscaled > Int128(Int64.min),
            decimal.unscaled < Int128(Int64.max)
        {
            source = .bigint
        } else {
            let scale = max(Int(decimal.scale), 0)
            let precision = decimal.isZero ? scale + 1 : max(decimal.precision, scale)
            source = .decimal(precision: precision, scale: scale)
        }
        if source == .double || target == .double { return .double }
        if case .decimal = source { return widenDecimals(source, target)! }
        if case .decimal = target { return widenDecimals(source, target)! }
        return numericRank(source)! <= numericRank(target)! ? target : source
    }
}

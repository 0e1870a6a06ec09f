import SluiceCore

extension TypeRules {
    /// Whether `CAST(x AS to)` is allowed for `x` of type `from`, as ksqlDB's `CastEvaluator`:
    ///
    /// | from | to |
    /// |---|---|
    /// | BOOLEAN | STRING |
    /// | INTEGER, BIGINT, DECIMAL, DOUBLE | each other, STRING |
    /// | STRING | BOOLEAN, numbers, DATE, TIME, TIMESTAMP, BYTES (base64) |
    /// | TIMESTAMP | STRING, DATE, TIME |
    /// | DATE | STRING, TIMESTAMP |
    /// | TIME | STRING |
    /// | ARRAY, MAP, STRUCT | STRING, or the same structure with castable elements |
    ///
    /// Every type casts to itself.
    public static func canCast(_ from: SQLType, to: SQLType) -> Bool {
        if from == to { return true }
        switch (from, to) {
        case (.boolean, .string): return true
        case (.integer, _), (.bigint, _), (.decimal, _), (.double, _):
            return to.isNumeric || to == .string
        case (.string, .boolean), (.string, .date), (.string, .time), (.string, .timestamp), (.string, .bytes):
            return true
        case (.string, _): return to.isNumeric
        case (.timestamp, .string), (.timestamp, .date), (.timestamp, .time): return true
        case (.date, .string), (.date, .timestamp): return true
        case (.time, .string): return true
        case (.array, .string), (.map, .string), (.struct, .string): return true
        case (.array(let f), .array(let t)): return canCast(f, to: t)
        case (.map(let fk, let fv), .map(let tk, let tv)): return canCast(fk, to: tk) && canCast(fv, to: tv)
        case (.struct(let f), .struct(let t)):
            return f.allSatisfy { field in
                t.first { $0.name == field.name }.map { canCast(field.type, to: $0.type) } ?? true
            }
        default: return false
        }
    }

    /// Checks `canCast(_:to:)`.
    ///
    /// - Throws: `SQLTypeError` "Cast of STRING to ARRAY<INTEGER> is not supported".
    public static func checkCast(_ from: SQLType, to: SQLType) throws(SQLTypeError) {
        guard canCast(from, to: to) else {
            throw SQLTypeError("Cast of \(from.canonicalText) to \(to.canonicalText) is not supported")
        }
    }
}

import SluiceCore

/// The natural order (`Comparable.compareTo`) of the Java objects ksqlDB holds primitive values
/// in, which ARRAY_SORT, ARRAY_MIN and ARRAY_MAX use: `false < true`, doubles by `Double.compare`,
/// strings by code point, BYTES as signed bytes.
package enum NaturalOrder {
    /// Whether values of `type` have a natural order (ARRAY, MAP and STRUCT values don't).
    package static func isOrdered(_ type: SQLType) -> Bool {
        switch type {
        case .array, .map, .struct: false
        default: true
        }
    }

    /// The order of two non-null values of one ordered type: negative, zero or positive.
    package static func compare(_ a: Value, _ b: Value) -> Int {
        if case .boolean(let x) = a, case .boolean(let y) = b { return x == y ? 0 : (x ? 1 : -1) }
        return ValueOrdering.javaCompare(a, b)
    }

    /// The planner-time error for an element type without a natural order.
    static func unordered(_ function: String, _ type: SQLType) -> SQLTypeError {
        SQLTypeError("\(function) can only order primitive values, not \(type)")
    }
}

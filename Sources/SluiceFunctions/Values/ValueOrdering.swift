import SluiceCore

/// Comparisons and equality of SQL values with ksqlDB's semantics.
///
/// Two orders exist in ksqlDB. SQL comparison operators use Java's primitive operators for
/// numbers (IEEE: NaN compares false with everything, `-0.0 = 0.0`) and `compareTo` for
/// everything else. GREATEST, LEAST and sorting use `compareTo` throughout, which orders NaN above
/// every double and `-0.0` below `0.0`.
public enum ValueOrdering {
    /// `left op right` for two values of one comparable type (after the planner's casts; DECIMAL
    /// against DOUBLE is also accepted). NULL on either side gives `false`, as in ksqlDB.
    ///
    /// - Throws: `RecordError` when a DOUBLE compared with a DECIMAL is NaN or infinite (ksqlDB
    ///   converts it with `BigDecimal.valueOf`, which rejects those).
    public static func evaluate(_ op: ComparisonOperator, _ left: Value, _ right: Value) throws(RecordError) -> Bool {
        switch (left, right) {
        case (.null, _), (_, .null):
            return false
        case (.double(let a), .double(let b)):
            return compareDoubles(op, a, b)
        case (.double, .integer), (.double, .bigint), (.integer, .double), (.bigint, .double):
            return compareDoubles(op, left.numericDouble, right.numericDouble)
        case (.boolean, .boolean), (.array, .array), (.map, .map), (.struct, .struct):
            let equal = javaEquals(left, right)
            return op == .equal ? equal : (op == .notEqual ? !equal : false)
        default:
            guard let order = try compare(left, right) else { return false }
            return holds(op, order)
        }
    }

    /// `left IS DISTINCT FROM right`: NULL is distinct from every value but NULL; otherwise as `<>`.
    public static func isDistinct(_ left: Value, _ right: Value) throws(RecordError) -> Bool {
        switch (left.isNull, right.isNull) {
        case (true, true): return false
        case (true, false), (false, true): return true
        case (false, false): return try evaluate(.notEqual, left, right)
        }
    }

    /// Whether an order (negative, zero, positive) satisfies `op`.
    @inlinable public static func holds(_ op: ComparisonOperator, _ order: Int) -> Bool {
        switch op {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        }
    }

    /// Java's primitive double comparison: `=` is `a <= b && a >= b`, `<>` is `a < b || a > b`,
    /// so NaN is neither equal nor unequal to anything.
    @inlinable public static func compareDoubles(_ op: ComparisonOperator, _ a: Double, _ b: Double) -> Bool {
        switch op {
        case .equal: a <= b && a >= b
        case .notEqual: a < b || a > b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        }
    }

    /// The `compareTo` order of two non-null values of one kind, or `nil` when they don't compare
    /// (different kinds, booleans, structured values).
    public static func compare(_ left: Value, _ right: Value) throws(RecordError) -> Int? {
        switch (left, right) {
        case (.integer(let a), .integer(let b)): return order(a, b)
        case (.bigint(let a), .bigint(let b)): return order(a, b)
        case (.integer(let a), .bigint(let b)): return order(Int64(a), b)
        case (.bigint(let a), .integer(let b)): return order(a, Int64(b))
        case (.double(let a), .double(let b)): return a < b ? -1 : (a > b ? 1 : (a == b ? 0 : nil))
        case (.decimal(let a), .decimal(let b)): return SQLDecimal.compare(a, b)
        case (.decimal(let a), .double(let b)): return SQLDecimal.compare(a, try decimal(of: b))
        case (.double(let a), .decimal(let b)): return SQLDecimal.compare(try decimal(of: a), b)
        // Mixed kinds the planner normally casts away compare as Java widens them.
        case (.integer, .double), (.bigint, .double), (.double, .integer), (.double, .bigint):
            let a = left.numericDouble
            let b = right.numericDouble
            return a < b ? -1 : (a > b ? 1 : (a == b ? 0 : nil))
        case (.integer, .decimal), (.bigint, .decimal), (.decimal, .integer), (.decimal, .bigint):
            return SQLDecimal.compare(ValueArithmetic.decimal(left)!, ValueArithmetic.decimal(right)!)
        case (.string(let a), .string(let b)): return a.compare(b)
        case (.bytes(let a), .bytes(let b)): return compareSignedBytes(a, b)
        case (.date(let a), .date(let b)): return order(a, b)
        case (.time(let a), .time(let b)): return order(a, b)
        case (.timestamp(let a), .timestamp(let b)): return order(a, b)
        default: return nil
        }
    }

    /// Java's `compareTo` order for GREATEST and LEAST: as `compare`, but doubles by
    /// `Double.compare` (NaN greatest, `-0.0 < 0.0`).
    public static func javaCompare(_ left: Value, _ right: Value) -> Int {
        if case .double(let a) = left, case .double(let b) = right { return javaCompare(a, b) }
        return ((try? compare(left, right)) ?? nil) ?? 0
    }

    /// `Double.compare`.
    public static func javaCompare(_ a: Double, _ b: Double) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        let x = a.isNaN ? Int64(0x7ff8_0000_0000_0000) : Int64(bitPattern: a.bitPattern)
        let y = b.isNaN ? Int64(0x7ff8_0000_0000_0000) : Int64(bitPattern: b.bitPattern)
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    @inlinable static func order<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }

    /// `ByteBuffer.compareTo`: bytes compare as signed, then the shorter buffer first.
    static func compareSignedBytes(_ a: ByteString, _ b: ByteString) -> Int {
        a.withBytes { x in
            b.withBytes { y in
                for index in 0..<min(x.count, y.count) {
                    let p = Int8(bitPattern: x[index])
                    let q = Int8(bitPattern: y[index])
                    if p != q { return p < q ? -1 : 1 }
                }
                return order(x.count, y.count)
            }
        }
    }

    /// `BigDecimal.valueOf(d)`: the shortest decimal that reads back as `d`.
    package static func decimal(of value: Double) throws(RecordError) -> SQLDecimal {
        guard value.isFinite else { throw RecordError("Infinite or NaN") }
        if value == 0 { return SQLDecimal(unscaled: 0, scale: 1) }
        let (digits, exponent) = shortestDigits(value.magnitude)
        var unscaled: Int128 = 0
        for digit in digits.utf8 { unscaled = unscaled * 10 + Int128(digit - 0x30) }
        return SQLDecimal(unscaled: value < 0 ? -unscaled : unscaled, scale: digits.utf8.count - 1 - exponent)
    }

    /// The shortest round-trip digits of a positive double and the power of ten of the first one.
    package static func shortestDigits(_ value: Double) -> (digits: String, exponent: Int) {
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integral = mantissa
        var fraction: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integral = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array(integral.utf8) + Array(fraction.utf8)
        var pointExponent = integral.utf8.count - 1 + exponent
        while digits.count > 1, digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            pointExponent -= 1
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (String(decoding: digits, as: UTF8.self), pointExponent)
    }

    /// Java's `Objects.equals` on the objects ksqlDB holds values in: numbers of one kind compare
    /// by value (doubles by bits, decimals with their scale), maps ignore entry order, and NULL
    /// equals NULL inside arrays, maps and structs.
    public static func javaEquals(_ left: Value, _ right: Value) -> Bool {
        switch (left, right) {
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { javaEquals($0, $1) }
        case (.struct(let a), .struct(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { javaEquals($0, $1) }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let other = b[key], javaEquals(value, other) else { return false }
            }
            return true
        default:
            return left == right
        }
    }
}

extension Value {
    /// An INTEGER, BIGINT or DOUBLE as a double (NaN otherwise).
    fileprivate var numericDouble: Double {
        switch self {
        case .integer(let v): Double(v)
        case .bigint(let v): Double(v)
        case .double(let v): v
        default: .nan
        }
    }
}

import SluiceCore
import SluiceFunctions

/// A machine type that compiled code passes between nodes without wrapping it in a `Value`.
///
/// Compiled code carries it as 64 raw bits (`RawCode`), so closure types never depend on a
/// generic parameter: Swift would otherwise store them maximally abstracted and call them through
/// reabstraction thunks, which doubled the cost of a comparison.
protocol UnboxedValue: Sendable, Equatable {
    init(bits: UInt64)
    var bits: UInt64 { get }
    /// Whether a column or expression of `type` holds this machine type exactly.
    static func holds(_ type: SQLType) -> Bool
    /// The payload of a value of exactly this kind.
    static func unbox(_ value: Value) -> Self?
    /// The payload, also from narrower kinds this one widens (INTEGER in BIGINT arithmetic).
    static func widen(_ value: Value) -> Self?
    var boxed: Value { get }
    /// SQL `=` on non-null values.
    static func sqlEqual(_ a: Self, _ b: Self) -> Bool
    /// SQL `<>` on non-null values.
    static func sqlNotEqual(_ a: Self, _ b: Self) -> Bool
}

extension UnboxedValue {
    @inline(__always) static func sqlEqual(_ a: Self, _ b: Self) -> Bool { a == b }
    @inline(__always) static func sqlNotEqual(_ a: Self, _ b: Self) -> Bool { a != b }
}

/// An unboxed number with Java's arithmetic.
protocol UnboxedNumber: UnboxedValue, Comparable {
    static func add(_ a: Self, _ b: Self) -> Self
    static func subtract(_ a: Self, _ b: Self) -> Self
    static func multiply(_ a: Self, _ b: Self) -> Self
    static func divide(_ a: Self, _ b: Self) throws(RecordError) -> Self
    static func remainder(_ a: Self, _ b: Self) throws(RecordError) -> Self
    static func negate(_ a: Self) -> Self
    /// Java's cast from `long` (`(int)` keeps the low bits).
    static func fromJava(_ value: Int64) -> Self
    /// Java's cast from `double` (integers truncate and saturate).
    static func fromJava(_ value: Double) -> Self
}

extension Int64: UnboxedNumber {
    @inline(__always) init(bits: UInt64) { self.init(bitPattern: bits) }
    @inline(__always) var bits: UInt64 { UInt64(bitPattern: self) }
    @inline(__always) static func holds(_ type: SQLType) -> Bool { type == .bigint }
    @inline(__always) static func unbox(_ value: Value) -> Int64? {
        if case .bigint(let v) = value { return v }
        return nil
    }
    @inline(__always) static func widen(_ value: Value) -> Int64? {
        switch value {
        case .bigint(let v): v
        case .integer(let v): Int64(v)
        default: nil
        }
    }
    @inline(__always) var boxed: Value { .bigint(self) }
    @inline(__always) static func add(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    @inline(__always) static func subtract(_ a: Int64, _ b: Int64) -> Int64 { a &- b }
    @inline(__always) static func multiply(_ a: Int64, _ b: Int64) -> Int64 { a &* b }
    @inline(__always) static func divide(_ a: Int64, _ b: Int64) throws(RecordError) -> Int64 {
        if b == 0 { throw JavaArithmetic.divisionByZero }
        return a.dividedReportingOverflow(by: b).partialValue
    }
    @inline(__always) static func remainder(_ a: Int64, _ b: Int64) throws(RecordError) -> Int64 {
        if b == 0 { throw JavaArithmetic.divisionByZero }
        return a.remainderReportingOverflow(dividingBy: b).partialValue
    }
    @inline(__always) static func negate(_ a: Int64) -> Int64 { 0 &- a }
    @inline(__always) static func fromJava(_ value: Int64) -> Int64 { value }
    @inline(__always) static func fromJava(_ value: Double) -> Int64 { JavaNumbers.int64(value) }
}

extension Int32: UnboxedNumber {
    @inline(__always) init(bits: UInt64) { self.init(truncatingIfNeeded: Int64(bitPattern: bits)) }
    @inline(__always) var bits: UInt64 { UInt64(bitPattern: Int64(self)) }
    @inline(__always) static func holds(_ type: SQLType) -> Bool { type == .integer }
    @inline(__always) static func unbox(_ value: Value) -> Int32? {
        if case .integer(let v) = value { return v }
        return nil
    }
    @inline(__always) static func widen(_ value: Value) -> Int32? { unbox(value) }
    @inline(__always) var boxed: Value { .integer(self) }
    @inline(__always) static func add(_ a: Int32, _ b: Int32) -> Int32 { a &+ b }
    @inline(__always) static func subtract(_ a: Int32, _ b: Int32) -> Int32 { a &- b }
    @inline(__always) static func multiply(_ a: Int32, _ b: Int32) -> Int32 { a &* b }
    @inline(__always) static func divide(_ a: Int32, _ b: Int32) throws(RecordError) -> Int32 {
        if b == 0 { throw JavaArithmetic.divisionByZero }
        return a.dividedReportingOverflow(by: b).partialValue
    }
    @inline(__always) static func remainder(_ a: Int32, _ b: Int32) throws(RecordError) -> Int32 {
        if b == 0 { throw JavaArithmetic.divisionByZero }
        return a.remainderReportingOverflow(dividingBy: b).partialValue
    }
    @inline(__always) static func negate(_ a: Int32) -> Int32 { 0 &- a }
    @inline(__always) static func fromJava(_ value: Int64) -> Int32 { Int32(truncatingIfNeeded: value) }
    @inline(__always) static func fromJava(_ value: Double) -> Int32 { JavaNumbers.int32(value) }
}

extension Double: UnboxedNumber {
    @inline(__always) init(bits: UInt64) { self.init(bitPattern: bits) }
    @inline(__always) var bits: UInt64 { bitPattern }
    @inline(__always) static func holds(_ type: SQLType) -> Bool { type == .double }
    @inline(__always) static func unbox(_ value: Value) -> Double? {
        if case .double(let v) = value { return v }
        return nil
    }
    @inline(__always) static func widen(_ value: Value) -> Double? {
        switch value {
        case .double(let v): v
        case .integer(let v): Double(v)
        case .bigint(let v): Double(v)
        case .decimal(let v): v.doubleValue
        default: nil
        }
    }
    @inline(__always) var boxed: Value { .double(self) }
    // Java's `==` and `!=` are IEEE, but ksqlDB writes `=` as `a <= b && a >= b` and `<>` as
    // `a < b || a > b`: NaN is neither equal nor unequal to anything.
    @inline(__always) static func sqlEqual(_ a: Double, _ b: Double) -> Bool { a <= b && a >= b }
    @inline(__always) static func sqlNotEqual(_ a: Double, _ b: Double) -> Bool { a < b || a > b }
    @inline(__always) static func add(_ a: Double, _ b: Double) -> Double { a + b }
    @inline(__always) static func subtract(_ a: Double, _ b: Double) -> Double { a - b }
    @inline(__always) static func multiply(_ a: Double, _ b: Double) -> Double { a * b }
    @inline(__always) static func divide(_ a: Double, _ b: Double) throws(RecordError) -> Double { a / b }
    @inline(__always) static func remainder(_ a: Double, _ b: Double) throws(RecordError) -> Double {
        a.truncatingRemainder(dividingBy: b)
    }
    @inline(__always) static func negate(_ a: Double) -> Double { -a }
    @inline(__always) static func fromJava(_ value: Int64) -> Double { Double(value) }
    @inline(__always) static func fromJava(_ value: Double) -> Double { value }
}

/// Compiled code producing an unboxed value as raw bits (`UnboxedValue.bits`), `nil` for NULL.
typealias RawCode = @Sendable (Row, EvaluationContext) throws(RecordError) -> UInt64?

/// Where compiled code reads an unboxed operand from. Columns and constants are kept apart from
/// computed operands so the common shapes (`column op literal`) compile to one closure.
enum Operand<T: UnboxedValue>: Sendable {
    case column(Int)
    case constant(T?)
    case code(RawCode)

    var code: RawCode {
        switch self {
        case .column(let index): return { row, _ in T.unbox(row[index])?.bits }
        case .constant(let value):
            let bits = value?.bits
            return { _, _ in bits }
        case .code(let code): return code
        }
    }

    /// The operand as a `Value`.
    var boxed: ValueCode {
        switch self {
        case .column(let index): return { row, _ in row[index] }
        case .constant(let value):
            let boxed = value?.boxed ?? .null
            return { _, _ in boxed }
        case .code(let code):
            return { row, context throws(RecordError) in try code(row, context).map { T(bits: $0).boxed } ?? .null }
        }
    }

    /// Whether reading the operand can't fail.
    var isInfallible: Bool {
        if case .code = self { return false }
        return true
    }
}

/// Compiled code producing a DECIMAL, `nil` for NULL.
typealias DecimalCode = @Sendable (Row, EvaluationContext) throws(RecordError) -> SQLDecimal?

/// A DECIMAL operand; as `Operand`, with a concrete closure type.
enum DecimalOperand: Sendable {
    case column(Int)
    case constant(SQLDecimal?)
    case code(DecimalCode)

    var code: DecimalCode {
        switch self {
        case .column(let index): return { row, _ in ValueArithmetic.decimal(row[index]) }
        case .constant(let value): return { _, _ in value }
        case .code(let code): return code
        }
    }

    var boxed: ValueCode {
        switch self {
        case .column(let index): return { row, _ in row[index] }
        case .constant(let value):
            let boxed = value.map { Value.decimal($0) } ?? .null
            return { _, _ in boxed }
        case .code(let code):
            return { row, context throws(RecordError) in try code(row, context).map { .decimal($0) } ?? .null }
        }
    }
}

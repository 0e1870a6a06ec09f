import SluiceCore
import SluiceFunctions
import SluicePlan

/// TIMESTAMP milliseconds, unboxed, so `ts > literal` filters compile like BIGINT ones.
struct TimestampMillis: UnboxedValue, Comparable {
    let millis: Int64

    @inline(__always) init(bits: UInt64) { millis = Int64(bitPattern: bits) }
    @inline(__always) init(_ millis: Int64) { self.millis = millis }
    @inline(__always) var bits: UInt64 { UInt64(bitPattern: millis) }
    @inline(__always) static func holds(_ type: SQLType) -> Bool { type == .timestamp }
    @inline(__always) static func unbox(_ value: Value) -> TimestampMillis? {
        if case .timestamp(let v) = value { return TimestampMillis(v) }
        return nil
    }
    @inline(__always) static func widen(_ value: Value) -> TimestampMillis? { unbox(value) }
    @inline(__always) var boxed: Value { .timestamp(millis) }
    @inline(__always) static func < (a: TimestampMillis, b: TimestampMillis) -> Bool { a.millis < b.millis }
}

/// DATE days, unboxed.
struct DateDays: UnboxedValue, Comparable {
    let days: Int32

    @inline(__always) init(bits: UInt64) { days = Int32(truncatingIfNeeded: Int64(bitPattern: bits)) }
    @inline(__always) init(_ days: Int32) { self.days = days }
    @inline(__always) var bits: UInt64 { UInt64(bitPattern: Int64(days)) }
    @inline(__always) static func holds(_ type: SQLType) -> Bool { type == .date }
    @inline(__always) static func unbox(_ value: Value) -> DateDays? {
        if case .date(let v) = value { return DateDays(v) }
        return nil
    }
    @inline(__always) static func widen(_ value: Value) -> DateDays? { unbox(value) }
    @inline(__always) var boxed: Value { .date(days) }
    @inline(__always) static func < (a: DateDays, b: DateDays) -> Bool { a.days < b.days }
}

/// TIME milliseconds of the day, unboxed.
struct TimeMillis: UnboxedValue, Comparable {
    let millis: Int32

    @inline(__always) init(bits: UInt64) { millis = Int32(truncatingIfNeeded: Int64(bitPattern: bits)) }
    @inline(__always) init(_ millis: Int32) { self.millis = millis }
    @inline(__always) var bits: UInt64 { UInt64(bitPattern: Int64(millis)) }
    @inline(__always) static func holds(_ type: SQLType) -> Bool { type == .time }
    @inline(__always) static func unbox(_ value: Value) -> TimeMillis? {
        if case .time(let v) = value { return TimeMillis(v) }
        return nil
    }
    @inline(__always) static func widen(_ value: Value) -> TimeMillis? { unbox(value) }
    @inline(__always) var boxed: Value { .time(millis) }
    @inline(__always) static func < (a: TimeMillis, b: TimeMillis) -> Bool { a.millis < b.millis }
}

extension Compilation {
    /// An expression of `T`'s type as an unboxed operand: columns and literals directly, anything
    /// else (a cast the planner inserted, a call) through its `Value` code.
    func plainOperand<T: UnboxedValue>(_ expression: PlanExpr, _: T.Type) throws -> Operand<T> {
        switch expression {
        case .column(let index, let type) where T.holds(type):
            return .column(index)
        case .literal(let value, _):
            if value.isNull { return .constant(nil) }
            if let constant = T.widen(value) { return .constant(constant) }
        default:
            break
        }
        let code = try value(expression)
        if case .cast(.literal, _) = expression {
            // The planner casts string literals to the temporal type: fold a cast that succeeds.
            let scratch = EvaluationContext()
            if let constant = try? code(Row(start: nil, count: 0), scratch), scratch.suppressedErrors.isEmpty {
                return .constant(T.widen(constant))
            }
        }
        return .code { row, context throws(RecordError) in T.widen(try code(row, context))?.bits }
    }
}

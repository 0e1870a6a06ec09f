import SluiceCore
import SluiceFunctions

/// A row: the operator's input columns, contiguous, addressed by `PlanExpr.column(index:)`.
public typealias Row = UnsafeBufferPointer<Value>

/// Compiled code producing a value of any type.
typealias ValueCode = @Sendable (Row, EvaluationContext) throws(RecordError) -> Value
/// Compiled code producing a BOOLEAN, `nil` for NULL.
typealias BoolCode = @Sendable (Row, EvaluationContext) throws(RecordError) -> Bool?

/// An expression compiled into closures: evaluating it walks no tree and, for columns, literals,
/// arithmetic, comparisons and numeric casts, allocates nothing.
///
/// A compiled expression is immutable and can be shared by tasks; each task evaluates it with its
/// own `EvaluationContext`.
public struct CompiledExpression: Sendable {
    /// The type of the values it produces.
    public let type: SQLType
    /// The context slots evaluation needs (see `EvaluationContext`).
    public let slotCount: Int
    @usableFromInline let code: @Sendable (Row, EvaluationContext) throws(RecordError) -> Value
    @usableFromInline let predicate: @Sendable (Row, EvaluationContext) throws(RecordError) -> Bool?

    init(type: SQLType, slotCount: Int, code: @escaping ValueCode, predicate: @escaping BoolCode) {
        self.type = type
        self.slotCount = slotCount
        self.code = code
        self.predicate = predicate
    }

    /// The expression's value for `row`.
    ///
    /// - Throws: `RecordError` when the expression fails on this row (a division by zero, a
    ///   function rejecting its input). The runtime makes the column NULL and logs the error.
    @inlinable public func evaluate(_ row: Row, in context: EvaluationContext) throws(RecordError) -> Value {
        precondition(context.slotCount >= slotCount, "evaluation context too small for the expression")
        return try code(row, context)
    }

    /// The expression as a predicate: whether it is TRUE for `row` (NULL and FALSE are false).
    ///
    /// - Throws: `RecordError` when the expression fails on this row; the runtime drops the row
    ///   and logs the error.
    @inlinable public func test(_ row: Row, in context: EvaluationContext) throws(RecordError) -> Bool {
        precondition(context.slotCount >= slotCount, "evaluation context too small for the expression")
        return try predicate(row, context) ?? false
    }
}

/// A compiled expression held by reference for row loops: calling it through an unmanaged
/// reference reads its closures in place, where copying the `CompiledExpression` out of an
/// array or property retained and released their contexts on every row.
final class ExpressionCall {
    let code: ValueCode
    let predicate: BoolCode

    init(_ expression: CompiledExpression) {
        code = expression.code
        predicate = expression.predicate
    }
}


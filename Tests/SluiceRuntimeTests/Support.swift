import SluiceCore
import SluiceFunctions
import SluicePlan
import SluiceRuntime

func col(_ index: Int, _ type: SQLType) -> PlanExpr { .column(index: index, type: type) }
func lit(_ value: Value, _ type: SQLType) -> PlanExpr { .literal(value: value, type: type) }
func bigint(_ v: Int64) -> PlanExpr { lit(.bigint(v), .bigint) }
func integer(_ v: Int32) -> PlanExpr { lit(.integer(v), .integer) }
func text(_ s: String) -> PlanExpr { lit(.string(s), .string) }
func decimal(_ s: String) -> Value { .decimal(SQLDecimal(s)!) }

/// Compiles `expression` and evaluates it on `row`, returning the value and the errors nested
/// expressions swallowed.
func evaluate(_ expression: PlanExpr, _ row: [Value] = []) throws -> (value: Value, suppressed: [RecordError]) {
    let compiled = try ExpressionCompiler.compile(expression)
    let context = EvaluationContext(for: [compiled])
    let value = try row.withUnsafeBufferPointer { buffer throws(RecordError) in
        try compiled.evaluate(buffer, in: context)
    }
    return (value, context.takeSuppressedErrors())
}

/// The expression's value on `row`.
func value(_ expression: PlanExpr, _ row: [Value] = []) throws -> Value {
    try evaluate(expression, row).value
}

/// The expression as a WHERE predicate on `row`.
func test(_ expression: PlanExpr, _ row: [Value] = []) throws -> Bool {
    let compiled = try ExpressionCompiler.compile(expression)
    let context = EvaluationContext(for: [compiled])
    return try row.withUnsafeBufferPointer { buffer throws(RecordError) in try compiled.test(buffer, in: context) }
}

/// The message of the record error evaluating `expression` on `row` throws, or `nil`.
func recordError(_ expression: PlanExpr, _ row: [Value] = []) -> String? {
    do {
        _ = try value(expression, row)
        return nil
    } catch let error as RecordError {
        return error.message
    } catch {
        return "\(error)"
    }
}

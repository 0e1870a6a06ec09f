import SluiceCore
import SluiceFunctions

/// Computes a new row per input row. An expression that fails gives NULL and the row is still
/// emitted, with the failure reported (ksqlDB's behaviour for the SELECT list).
public final class ProjectOperator: Operator {
    public let label: String
    private let expressions: [CompiledExpression]
    public let counters = OperatorCounters()
    private var output = RowBatch(width: 0)
    private let evaluation: EvaluationContext

    public init(expressions: [CompiledExpression], names: [String]) {
        self.expressions = expressions
        self.evaluation = EvaluationContext(for: expressions)
        self.label = "Project[\(names.joined(separator: ", "))]"
    }

    public func process(_ batch: inout RowBatch, context: OperatorContext) throws {
        output.reset(width: expressions.count)
        var errors = 0
        batch.forEachRow { index, row in
            let origin = batch.origins[index]
            output.appendRow(timestamp: batch.timestamps[index], origin: origin) { slots in
                for (slot, expression) in expressions.enumerated() {
                    do throws(RecordError) {
                        slots[slot] = try expression.evaluate(row, in: evaluation)
                    } catch {
                        errors += 1
                        context.report("expression", error.message, origin: origin)
                    }
                }
                for suppressed in evaluation.takeSuppressedErrors() {
                    context.report("expression", suppressed.message, origin: origin)
                }
            }
        }
        output.adoptHeaders(of: batch)
        counters.add(rowsIn: batch.count, rowsOut: output.count, errors: errors)
        swap(&batch, &output)
    }
}

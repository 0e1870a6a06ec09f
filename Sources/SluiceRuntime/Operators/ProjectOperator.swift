import SluiceCore
import SluiceFunctions

/// Computes a new row per input row. An expression that fails gives NULL and the row is still
/// emitted, with the failure reported (ksqlDB's behaviour for the SELECT list).
///
/// The input batch is consumed: a result column that is just an input column read by nothing
/// else takes the value over instead of copying it, which saves a retain and a release per
/// text value.
public final class ProjectOperator: Operator {
    public let label: String
    private let expressions: [CompiledExpression]
    /// For each output slot, the input slot it takes its value from unchanged, if any.
    private let moves: [Int?]
    public let counters = OperatorCounters()
    private var output = RowBatch(width: 0)
    private let evaluation: EvaluationContext

    /// - Parameter moves: per expression, the input slot to move into that output slot instead of
    ///   evaluating it (only for columns no other expression reads).
    public init(expressions: [CompiledExpression], moves: [Int?], names: [String]) {
        precondition(moves.count == expressions.count)
        self.expressions = expressions
        self.moves = moves
        self.evaluation = EvaluationContext(for: expressions)
        self.label = "Project[\(names.joined(separator: ", "))]"
    }

    public func process(_ batch: inout RowBatch, context: OperatorContext) throws {
        output.reset(width: expressions.count)
        var errors = 0
        output.append(rows: batch.count) { appender in
            batch.forEachMutableRow { index, row, timestamp, origin in
                let slots = appender.nextRow()
                for (slot, expression) in expressions.enumerated() where moves[slot] == nil {
                    do throws(RecordError) {
                        slots[slot] = try expression.evaluate(UnsafeBufferPointer(row), in: evaluation)
                    } catch {
                        errors += 1
                        context.report("expression", error.message, origin: origin)
                    }
                }
                for (slot, source) in moves.enumerated() {
                    guard let source else { continue }
                    swap(&slots[slot], &row[source])
                }
                for suppressed in evaluation.takeSuppressedErrors() {
                    context.report("expression", suppressed.message, origin: origin)
                }
                appender.commit(timestamp: timestamp, origin: origin)
            }
        }
        output.adoptHeaders(of: batch)
        counters.add(rowsIn: batch.count, rowsOut: output.count, errors: errors)
        swap(&batch, &output)
    }
}

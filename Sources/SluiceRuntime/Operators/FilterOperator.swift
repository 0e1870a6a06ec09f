import SluiceCore
import SluiceFunctions

/// Keeps the rows whose predicate is true. A predicate that fails on a row drops the row and
/// reports it (ksqlDB's behaviour for WHERE).
public final class FilterOperator: Operator {
    public let label: String
    private let predicate: CompiledExpression
    public let counters = OperatorCounters()
    private var keep: [Bool] = []
    private let evaluation: EvaluationContext

    public init(predicate: CompiledExpression, text: String) {
        self.predicate = predicate
        self.evaluation = EvaluationContext(for: [predicate])
        self.label = "Filter[\(text)]"
    }

    public func process(_ batch: inout RowBatch, context: OperatorContext) throws {
        let rowsIn = batch.count
        keep.removeAll(keepingCapacity: true)
        var errors = 0
        batch.forEachRow { index, row in
            if batch.origin(ofRow: index).isNullValue {
                keep.append(false)
                return
            }
            do throws(RecordError) {
                keep.append(try predicate.test(row, in: evaluation))
            } catch {
                errors += 1
                keep.append(false)
                context.report("predicate", error.message, origin: batch.origin(ofRow: index))
            }
            for suppressed in evaluation.takeSuppressedErrors() {
                context.report("expression", suppressed.message, origin: batch.origin(ofRow: index))
            }
        }
        batch.retainRows(keep)
        counters.add(rowsIn: rowsIn, rowsOut: batch.count, errors: errors)
    }
}

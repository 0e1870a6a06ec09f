import SluiceCore
import SluiceFunctions

/// Keeps the rows whose predicate is true. A predicate that fails on a row drops the row and
/// reports it (ksqlDB's behaviour for WHERE).
public final class FilterOperator: Operator {
    public let label: String
    private let predicate: ExpressionCall
    public let counters = OperatorCounters()
    private let evaluation: EvaluationContext

    public init(predicate: CompiledExpression, text: String) {
        self.predicate = ExpressionCall(predicate)
        self.evaluation = EvaluationContext(for: [predicate])
        self.label = "Filter[\(text)]"
    }

    public func process(_ batch: inout RowBatch, context: OperatorContext) throws {
        let rowsIn = batch.count
        var errors = 0
        let evaluation = self.evaluation
        let predicate = Unmanaged.passUnretained(self.predicate)
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: rowsIn) { keep in
            batch.forEachRow { index, row in
                let origin = batch.origin(ofRow: index)
                if origin.isNullValue {
                    keep[index] = false
                    return
                }
                let result = predicate._withUnsafeGuaranteedRef { call in
                    Result { () throws(RecordError) in try call.predicate(row, evaluation) ?? false }
                }
                switch result {
                case .success(let passes):
                    keep[index] = passes
                case .failure(let error):
                    errors += 1
                    keep[index] = false
                    context.report("predicate", error.message, origin: origin)
                }
                if !evaluation.suppressedErrors.isEmpty {
                    for suppressed in evaluation.takeSuppressedErrors() {
                        context.report("expression", suppressed.message, origin: origin)
                    }
                }
            }
            batch.retainRows(UnsafeBufferPointer(keep))
        }
        counters.add(rowsIn: rowsIn, rowsOut: batch.count, errors: errors)
    }
}

import SluiceCore
import SluiceFunctions

/// `PARTITION BY`: prepends the new key values to each row. An expression that fails gives a
/// NULL key, with the failure reported.
public final class PartitionByOperator: Operator {
    public let label: String
    private let keys: [CompiledExpression]
    public let counters = OperatorCounters()
    private var output = RowBatch(width: 0)
    private let evaluation: EvaluationContext

    private let readsValue: [Bool]

    public init(keys: [CompiledExpression], text: [String], readsValue: [Bool]) {
        self.keys = keys
        self.readsValue = readsValue
        self.evaluation = EvaluationContext(for: keys)
        self.label = "PartitionBy[\(text.joined(separator: ", "))]"
    }

    public func process(_ batch: inout RowBatch, context: OperatorContext) throws {
        let keyCount = keys.count
        output.reset(width: keyCount + batch.width)
        var errors = 0
        output.append(rows: batch.count) { appender in
            batch.forEachMutableRow { index, row, timestamp, origin in
                var origin = origin
                origin.isNullKey = false
                let slots = appender.nextRow()
                for (slot, key) in keys.enumerated() {
                    if origin.isNullValue && readsValue[slot] { continue }
                    do throws(RecordError) {
                        slots[slot] = try key.evaluate(UnsafeBufferPointer(row), in: evaluation)
                    } catch {
                        errors += 1
                        context.report("expression", error.message, origin: origin)
                    }
                }
                for suppressed in evaluation.takeSuppressedErrors() {
                    context.report("expression", suppressed.message, origin: origin)
                }
                // The input batch is consumed, so its values move over instead of being copied.
                for column in 0..<row.count { swap(&slots[keyCount + column], &row[column]) }
                appender.commit(timestamp: timestamp, origin: origin)
            }
        }
        output.adoptHeaders(of: batch)
        counters.add(rowsIn: batch.count, rowsOut: output.count, errors: errors)
        swap(&batch, &output)
    }
}

import SluiceCore
import SluiceFunctions

/// Table functions (`EXPLODE`): each input row becomes one row per value the functions return,
/// the input's slots followed by one slot per function. Several functions are zipped, the
/// shorter ones giving NULL, as ksqlDB does; a row for which every function returns NULL or
/// nothing produces no rows. A function (or one of its arguments) that fails drops its row, with
/// the failure reported.
public final class FlatMapOperator: Operator {
    public let label: String
    private let functions: [CompiledExpression]
    public let counters = OperatorCounters()
    private var output = RowBatch(width: 0)
    private let evaluation: EvaluationContext
    /// The values of each function for the current row, reused from row to row.
    private var lists: [[Value]]

    public init(functions: [CompiledExpression], text: [String]) {
        self.functions = functions
        self.evaluation = EvaluationContext(for: functions)
        self.lists = Array(repeating: [], count: functions.count)
        self.label = "FlatMap[\(text.joined(separator: ", "))]"
    }

    public func process(_ batch: inout RowBatch, context: OperatorContext) throws {
        let inputWidth = batch.width
        output.reset(width: inputWidth + functions.count)
        var errors = 0
        batch.forEachRow { index, row in
            let origin = batch.origin(ofRow: index)
            // A stream record without a value has nothing to explode.
            if origin.isNullValue { return }
            var rowCount = 0
            for (position, function) in functions.enumerated() {
                do throws(RecordError) {
                    if case .array(let values) = try function.evaluate(row, in: evaluation) {
                        lists[position] = values
                        rowCount = max(rowCount, values.count)
                    } else {
                        lists[position] = []
                    }
                } catch {
                    errors += 1
                    context.report("expression", error.message, origin: origin)
                    rowCount = -1
                    break
                }
            }
            // An argument that failed (and gave NULL) fails the call too: ksqlDB drops the row.
            let suppressed = evaluation.takeSuppressedErrors()
            for error in suppressed {
                context.report("expression", error.message, origin: origin)
            }
            if !suppressed.isEmpty && rowCount >= 0 {
                errors += 1
                return
            }
            guard rowCount > 0 else { return }
            let timestamp = batch.timestamp(ofRow: index)
            output.append(rows: rowCount) { appender in
                for element in 0..<rowCount {
                    let slots = appender.nextRow()
                    for column in 0..<inputWidth { slots[column] = row[column] }
                    for (position, values) in lists.enumerated() where element < values.count {
                        slots[inputWidth + position] = values[element]
                    }
                    appender.commit(timestamp: timestamp, origin: origin)
                }
            }
        }
        output.adoptHeaders(of: batch)
        counters.add(rowsIn: batch.count, rowsOut: output.count, errors: errors)
        swap(&batch, &output)
    }
}

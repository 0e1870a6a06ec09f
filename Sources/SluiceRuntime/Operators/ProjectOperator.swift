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
    /// The output slots that are computed, with their expressions (`calls` keeps them alive;
    /// the row loop uses them unmanaged, see `ExpressionCall`).
    private let computed: [(slot: Int, call: Unmanaged<ExpressionCall>)]
    private let calls: [ExpressionCall]
    /// The output slots that take an input value over unchanged, with the input slot.
    private let moved: [(slot: Int, source: Int)]
    private let width: Int
    private let forwardsInput: Bool
    public let counters = OperatorCounters()
    private var output = RowBatch(width: 0)
    private let evaluation: EvaluationContext

    /// - Parameters:
    ///   - moves: per expression, the input slot to move into that output slot instead of
    ///     evaluating it (only for columns no other expression reads).
    ///   - forwardsInput: every expression is a bare column and the reader of the output (a
    ///     sink) takes them from the input rows itself, so `process` only counts rows.
    public init(expressions: [CompiledExpression], moves: [Int?], names: [String], forwardsInput: Bool = false) {
        precondition(moves.count == expressions.count)
        self.forwardsInput = forwardsInput
        let computedSlots = expressions.indices.filter { moves[$0] == nil }
        calls = computedSlots.map { ExpressionCall(expressions[$0]) }
        computed = zip(computedSlots, calls).map { ($0, Unmanaged.passUnretained($1)) }
        moved = expressions.indices.compactMap { slot in moves[slot].map { (slot, $0) } }
        width = expressions.count
        self.evaluation = EvaluationContext(for: expressions)
        self.label = "Project[\(names.joined(separator: ", "))]"
    }

    public func process(_ batch: inout RowBatch, context: OperatorContext) throws {
        if forwardsInput {
            counters.add(rowsIn: batch.count, rowsOut: batch.count)
            return
        }
        output.reset(width: width)
        var errors = 0
        let evaluation = self.evaluation
        computed.withUnsafeBufferPointer { computed in
            moved.withUnsafeBufferPointer { moved in
                output.append(rows: batch.count) { appender in
                    batch.forEachMutableRow { index, row, timestamp, origin in
                        let slots = appender.nextRow()
                        let input = UnsafeBufferPointer(row)
                        for (slot, call) in computed {
                            let result = call._withUnsafeGuaranteedRef { call in
                                Result { () throws(RecordError) in try call.code(input, evaluation) }
                            }
                            switch result {
                            case .success(let value):
                                slots[slot] = value
                            case .failure(let error):
                                errors += 1
                                context.report("expression", error.message, origin: origin)
                            }
                        }
                        // The output slot holds NULL and the input gives its value up: move it over.
                        let from = row.baseAddress.unsafelyUnwrapped
                        let to = slots.baseAddress.unsafelyUnwrapped
                        for (slot, source) in moved {
                            (to + slot).moveInitialize(from: from + source, count: 1)
                            (from + source).initialize(to: .null)
                        }
                        if !evaluation.suppressedErrors.isEmpty {
                            for suppressed in evaluation.takeSuppressedErrors() {
                                context.report("expression", suppressed.message, origin: origin)
                            }
                        }
                        appender.commit(timestamp: timestamp, origin: origin)
                    }
                }
            }
        }
        output.adoptHeaders(of: batch)
        counters.add(rowsIn: batch.count, rowsOut: output.count, errors: errors)
        swap(&batch, &output)
    }
}

import SluiceCore
import SluiceFunctions

/// Per-task working memory for evaluating compiled expressions.
///
/// It holds slots for lambda parameters and for the arguments of variadic function calls, laid
/// out once when an expression is compiled, so evaluation allocates nothing for them. It also
/// collects the errors that nested expressions swallowed (a failing CAST or function argument
/// becomes NULL, as ksqlDB does), for the runtime to write to the processing log.
///
/// A context is used by one task at a time; create one per task.
public final class EvaluationContext {
    @usableFromInline let slots: UnsafeMutablePointer<Value>
    /// How many slots the context has; at least `CompiledExpression.slotCount` of every
    /// expression it evaluates.
    public let slotCount: Int
    /// Errors that nested expressions turned into NULL since the last `takeSuppressedErrors()`.
    public private(set) var suppressedErrors: [RecordError] = []

    public init(slotCount: Int = 0) {
        self.slotCount = slotCount
        slots = UnsafeMutablePointer<Value>.allocate(capacity: max(slotCount, 1))
        slots.initialize(repeating: .null, count: max(slotCount, 1))
    }

    /// A context large enough for every expression in `expressions`.
    public convenience init(for expressions: [CompiledExpression]) {
        self.init(slotCount: expressions.map(\.slotCount).max() ?? 0)
    }

    deinit {
        slots.deinitialize(count: max(slotCount, 1))
        slots.deallocate()
    }

    /// Returns and clears the errors nested expressions swallowed.
    public func takeSuppressedErrors() -> [RecordError] {
        defer { suppressedErrors.removeAll(keepingCapacity: true) }
        return suppressedErrors
    }

    @usableFromInline func suppress(_ error: RecordError) {
        suppressedErrors.append(error)
    }

    /// The value of lambda parameter `index` (higher-order functions set it before calling a
    /// lambda body).
    @inlinable public func lambdaParameter(_ index: Int) -> Value {
        slots[index]
    }

    /// Sets lambda parameter `index`.
    @inlinable public func setLambdaParameter(_ index: Int, to value: Value) {
        slots[index] = value
    }
}

import SluiceCore
import SluiceFunctions
import SluicePlan

/// The operators of a plan between its source and its output, compiled once per task.
final class Pipeline {
    let source: SourceStep
    let operators: [Operator]
    /// The sink step of a persistent query; `nil` for a transient query, whose rows go to a collector.
    let sink: SinkStep?
    /// The step whose rows a transient query returns (the plan root).
    let outputWidth: Int

    init(plan: QueryPlan, registry: FunctionRegistry) throws {
        var steps: [PlanStep] = []
        plan.root.visit { steps.append($0) }
        steps.reverse()
        guard case .source(let source) = steps.first else { throw RuntimeError("plan has no source step") }
        self.source = source
        var operators: [Operator] = []
        var sink: SinkStep?
        var width = source.width
        for step in steps.dropFirst() {
            switch step {
            case .source:
                throw RuntimeError("plan has more than one source step")
            case .filter(let filter):
                operators.append(FilterOperator(
                    predicate: try ExpressionCompiler.compile(filter.predicate, registry: registry),
                    text: filter.text))
            case .project(let project):
                operators.append(ProjectOperator(
                    expressions: try project.expressions.map { try ExpressionCompiler.compile($0, registry: registry) },
                    names: project.names))
                width = project.expressions.count
            case .partitionBy(let partitionBy):
                operators.append(PartitionByOperator(
                    keys: try partitionBy.keys.map { try ExpressionCompiler.compile($0, registry: registry) },
                    text: partitionBy.text, readsValue: partitionBy.readsValue))
                width += partitionBy.keys.count
            case .sink(let step):
                sink = step
            }
        }
        self.operators = operators
        self.sink = sink
        self.outputWidth = width
    }
}

/// A failure of the runtime itself (a plan it cannot run, a missing topic).
public struct RuntimeError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

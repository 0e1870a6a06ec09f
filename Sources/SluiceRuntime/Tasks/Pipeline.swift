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
        var sinkRowSlots: [Int]?
        for (position, step) in steps.enumerated().dropFirst() {
            switch step {
            case .source:
                throw RuntimeError("plan has more than one source step")
            case .filter(let filter):
                operators.append(FilterOperator(
                    predicate: try ExpressionCompiler.compile(filter.predicate, registry: registry),
                    text: filter.text))
            case .project(let project):
                // Bare columns right before the sink: the sink reads them where they are.
                let bareColumns = project.expressions.compactMap { expression -> Int? in
                    if case .column(let index, _) = expression { return index }
                    return nil
                }
                let feedsSink = position + 1 < steps.count && { if case .sink = steps[position + 1] { true } else { false } }()
                let forwards = feedsSink && bareColumns.count == project.expressions.count
                operators.append(ProjectOperator(
                    expressions: try project.expressions.map { try ExpressionCompiler.compile($0, registry: registry) },
                    moves: Self.moves(project.expressions), names: project.names, forwardsInput: forwards))
                if forwards {
                    sinkRowSlots = bareColumns
                } else {
                    width = project.expressions.count
                }
            case .partitionBy(let partitionBy):
                operators.append(PartitionByOperator(
                    keys: try partitionBy.keys.map { try ExpressionCompiler.compile($0, registry: registry) },
                    text: partitionBy.text, readsValue: partitionBy.readsValue))
                width += partitionBy.keys.count
            case .flatMap(let flatMap):
                operators.append(FlatMapOperator(
                    functions: try flatMap.functions.map { try ExpressionCompiler.compile($0, registry: registry) },
                    text: flatMap.text))
                width += flatMap.functions.count
            case .sink(let step):
                sink = step
            }
        }
        self.operators = operators
        self.sink = sink
        self.sinkRowSlots = sinkRowSlots
        self.outputWidth = width
        self.neededSourceSlots = Self.sourceSlotsRead(steps)
    }

    /// The source slots the steps read (so the decoder can skip the others); `nil` means all.
    let neededSourceSlots: Set<Int>?

    /// When the projection before the sink only picks columns and forwards its input: for each
    /// slot of the rows the sink step describes, where it is in the rows the sink receives.
    let sinkRowSlots: [Int]?

    /// Follows source slots through filters and PARTITION BY up to the first projection, which
    /// is where they stop being the source's.
    private static func sourceSlotsRead(_ steps: [PlanStep]) -> Set<Int>? {
        var offset = 0
        var needed = Set<Int>()
        for step in steps.dropFirst() {
            switch step {
            case .filter(let filter):
                needed.formUnion(filter.predicate.columnSlots.map { $0 - offset })
            case .partitionBy(let partitionBy):
                for key in partitionBy.keys { needed.formUnion(key.columnSlots.map { $0 - offset }) }
                offset += partitionBy.keys.count
            case .flatMap(let flatMap):
                // Its slots follow the input's, so source slots keep their places.
                for function in flatMap.functions { needed.formUnion(function.columnSlots.map { $0 - offset }) }
            case .project(let project):
                for expression in project.expressions { needed.formUnion(expression.columnSlots.map { $0 - offset }) }
                return needed.filter { $0 >= 0 }
            case .source, .sink:
                return nil
            }
        }
        return nil
    }

    /// For each projected expression that is a bare input column no other expression reads, that column.
    private static func moves(_ expressions: [PlanExpr]) -> [Int?] {
        var reads: [Int: Int] = [:]
        for expression in expressions {
            for slot in expression.columnSlots { reads[slot, default: 0] += 1 }
        }
        return expressions.map { expression in
            guard case .column(let index, _) = expression, reads[index] == 1 else { return nil }
            return index
        }
    }
}

/// A failure of the runtime itself (a plan it cannot run, a missing topic).
public struct RuntimeError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Checks that a plan can run.
public enum PlanCheck {
    /// Builds everything a job of `plan` would (compiled expressions, decoders, timestamp
    /// patterns, encoders) without running it, so a statement whose plan can't run fails before
    /// anything of it is applied.
    public static func check(_ plan: QueryPlan, registry: FunctionRegistry) throws {
        let pipeline = try Pipeline(plan: plan, registry: registry)
        _ = try SourceDecoder(step: pipeline.source, partition: 0, neededSlots: pipeline.neededSourceSlots)
        if let sink = pipeline.sink { _ = try SinkWriter(step: sink, partitionCount: 1, rowSlots: pipeline.sinkRowSlots) }
    }
}

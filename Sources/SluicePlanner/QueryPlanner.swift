import SluiceCore
import SluiceFunctions
import SluicePlan
import SluiceSQL

/// A planned SELECT: the dataflow up to its projection and the schema of its result.
public struct PlannedQuery: Sendable {
    /// The steps up to and including the projection (no sink).
    public var root: PlanStep
    /// The result columns: key columns first, then value columns. For a transient query every
    /// column is a value column (keys are only meaningful when writing a topic).
    public var schema: Schema
    public var source: SourceDefinition
    public var limit: Int?
    /// `EMIT CHANGES` was written (a push query when not persistent).
    public var emitChanges: Bool
    /// For a persistent query over a windowed source without PARTITION BY, the window its output
    /// keys keep and the slots after the projection's columns that hold WINDOWSTART and WINDOWEND.
    public var window: (window: KeyWindow, slots: [Int])?
}

/// Plans the stateless SELECTs of engine v1: one stream, WHERE, PARTITION BY, a projection.
public struct QueryPlanner {
    let context: PlannerContext

    public init(context: PlannerContext) {
        self.context = context
    }

    /// Plans `select`; `sinkName` names the stream a persistent query builds (for ksqlDB's key checks).
    public func plan(_ select: SelectStatement, sinkName: String?) throws(Diagnostic) -> PlannedQuery {
        try rejectUnsupported(select)
        let source = try resolveSource(select.from.source)
        let alias = select.from.source.alias?.value ?? source.name
        var sourceStep = source.sourceStep
        sourceStep.failsOnInvalidTimestamp = context.property("ksql.timestamp.throw.on.invalid")?.lowercased() == "true"
        var scope = Scope(columns: source.schema.columns.enumerated().map { index, column in
            ScopeColumn(name: column.name, type: column.type, slot: index, source: alias, kind: column.kind, isPseudo: false)
        })
        for pseudo in PseudoColumn.allCases {
            scope.columns.append(ScopeColumn(
                name: pseudo.rawValue, type: pseudo.type, slot: sourceStep.slot(of: pseudo), source: alias, kind: .value,
                isPseudo: true))
        }
        if let bounds = sourceStep.windowBoundSlots {
            for (name, slot) in [("WINDOWSTART", bounds.start), ("WINDOWEND", bounds.end)] {
                scope.columns.append(ScopeColumn(
                    name: name, type: .bigint, slot: slot, source: alias, kind: .value, isPseudo: true))
            }
        }
        var root = PlanStep.source(sourceStep)
        if let whereClause = select.whereClause {
            let analyzer = ExpressionAnalyzer(scope: scope, registry: context.registry, types: context.types, clause: "WHERE")
            let predicate = try analyzer.booleanOperand(whereClause)
            root = .filter(FilterStep(input: root, predicate: predicate, text: whereClause.description))
        }
        var names = ColumnNameGenerator(taken: source.schema.columns.map(\.name))
        var partitionKeys: [PartitionKey] = []
        var width = sourceStep.width
        if let partitionBy = select.partitionBy {
            var partitionPlanner = PartitionByPlanner(context: context, names: names)
            let partitioned = try partitionPlanner.plan(partitionBy, scope: scope, input: root, range: select.range)
            root = partitioned.step
            scope = partitioned.scope
            partitionKeys = partitioned.keys
            names = partitioned.names
            width += partitioned.keys.count
        }
        let tableFunctions = try TableFunctionPlanner(context: context).plan(
            select.items, scope: scope, input: root, width: width)
        root = tableFunctions.step
        var projectionPlanner = ProjectionPlanner(context: context, scope: scope, partitionKeys: partitionKeys, names: names)
        projectionPlanner.tableFunctionSlots = tableFunctions.slots
        let projection = try projectionPlanner.plan(select.items, sinkName: sinkName, selectRange: select.range)
        var outputNames = projection.schema.columns.map { $0.name }
        var expressions = projection.expressions
        var window: (KeyWindow, [Int])?
        // A windowed source's rows keep their windows through a persistent query (its sink's keys are
        // windowed too), unless PARTITION BY gives them new keys.
        if let keyWindow = sourceStep.window, let bounds = sourceStep.windowBoundSlots, sinkName != nil,
            select.partitionBy == nil
        {
            window = (keyWindow, [expressions.count, expressions.count + 1])
            expressions += [.column(index: bounds.start, type: .bigint), .column(index: bounds.end, type: .bigint)]
            outputNames += ["WINDOWSTART", "WINDOWEND"]
        }
        root = .project(ProjectStep(input: root, expressions: expressions, names: outputNames))
        return PlannedQuery(
            root: root, schema: projection.schema, source: source, limit: select.limit.map { Int($0) },
            emitChanges: select.emit == .changes, window: window)
    }

    func resolveSource(_ relation: AliasedRelation) throws(Diagnostic) -> SourceDefinition {
        guard let source = context.catalog.source(named: relation.name.value) else {
            throw .error("\(relation.name.value) does not exist.", at: relation.name.range)
        }
        guard source.kind == .stream else {
            throw .error("Queries over tables need table materialization, which Sluice does not have yet: "
                + "\(source.name) is a table.", at: relation.range)
        }
        return source
    }

    private func rejectUnsupported(_ select: SelectStatement) throws(Diagnostic) {
        if let join = select.from.joins.first {
            throw .error("JOIN is not available yet: Sluice's engine runs stateless stream queries "
                + "(filters, projections, PARTITION BY)", at: join.range)
        }
        if let window = select.window {
            throw .error("WINDOW is not available yet: windowed aggregation needs Sluice's aggregation engine", at: window.range)
        }
        if let groupBy = select.groupBy {
            throw .error("GROUP BY is not available yet: aggregation needs Sluice's aggregation engine",
                         at: groupBy.first?.range ?? select.range)
        }
        if let having = select.having {
            throw .error("HAVING requires GROUP BY", at: having.range)
        }
        if select.emit == .final {
            throw .error("EMIT FINAL is only for windowed aggregations", at: select.range)
        }
    }
}

/// Makes ksqlDB's names for unnamed result columns: `KSQL_COL_0`, `KSQL_COL_1`, ..., skipping
/// names the sources already use.
struct ColumnNameGenerator {
    private var taken: Set<String>
    private var next = 0

    init(taken: [String]) {
        self.taken = Set(taken)
    }

    mutating func make() -> String {
        while taken.contains("KSQL_COL_\(next)") { next += 1 }
        let name = "KSQL_COL_\(next)"
        next += 1
        return name
    }

    mutating func reserve(_ name: String) {
        taken.insert(name)
    }
}

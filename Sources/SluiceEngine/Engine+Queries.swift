import Foundation
import SluiceCore
import SluiceFormats
import SluiceFunctions
import SluiceLog
import SluicePlan
import SluicePlanner
import SluiceRuntime
import SluiceSQL

extension Engine {
    func createAsSelect(_ statement: CreateAsSelectStatement, text: String, session: Session) throws -> StatementResult {
        let name = statement.name.value
        let existing = catalog.source(named: name)
        if existing != nil && statement.ifNotExists {
            return .message("A \(existing!.kind.rawValue.lowercased()) named \(name) already exists.")
        }
        var planned = try SinkPlanner(context: plannerContext(session)).plan(statement, text: text)
        try checkRunnable(planned.plan, range: statement.range)
        let id = catalog.nextQueryID(prefix: "CSAS", sink: name)
        planned.sink.writtenByQuery = id
        var commands: [CatalogCommand] = []
        let offsets: [Int64]
        if let existing, statement.orReplace {
            // A query upgrade: the new query takes over the sink and continues where the old one stopped.
            guard let oldID = existing.writtenByQuery, let oldJob = jobs[oldID] else {
                throw Diagnostic.error("Cannot replace \(name): only a stream created by CREATE ... AS SELECT can be replaced "
                    + "this way", at: statement.name.range)
            }
            try checkUpgrade(from: existing.schema, to: planned.sink.schema, name: name, range: statement.range)
            guard catalog.queries[oldID]?.plan.sources.first?.topic == planned.plan.sources.first?.topic else {
                throw Diagnostic.error("Cannot replace \(name): the new query reads a different source", at: statement.range)
            }
            oldJob.stop()
            offsets = oldJob.positions
            stopJob(oldID, deleteState: false)
            commands.append(.terminateQuery(id: oldID))
            planned.sink.topic = existing.topic
        } else {
            if let topic = planned.topicToCreate, !store.hasTopic(topic.name) {
                try createTopic(topic.name, partitions: topic.partitions, retentionMs: topic.retentionMs, range: statement.range)
            }
            offsets = try resolveStartOffsets(planned.plan, earliest: session.startsFromEarliest)
        }
        let query = QueryDefinition(id: id, sql: text, plan: planned.plan, sink: name, sources: planned.sourceNames)
        commands += [.putSource(planned.sink), .startQuery(query, startOffsets: [topic(of: planned.plan): offsets])]
        try apply(commands, statement: text)
        try startJob(query, startOffsets: offsets)
        return .message("Created query with ID \(id)")
    }

    func insertInto(_ statement: InsertIntoStatement, text: String, session: Session) throws -> StatementResult {
        let planned = try SinkPlanner(context: plannerContext(session)).plan(statement, text: text)
        try checkRunnable(planned.plan, range: statement.range)
        let id = planned.requestedQueryID ?? catalog.nextQueryID(prefix: "INSERTQUERY", sink: nil)
        if catalog.queries[id] != nil {
            throw Diagnostic.error("Query id '\(id)' already exists", at: statement.range)
        }
        let offsets = try resolveStartOffsets(planned.plan, earliest: session.startsFromEarliest)
        let query = QueryDefinition(id: id, sql: text, plan: planned.plan, sink: planned.sink.name, sources: planned.sourceNames)
        try apply([.startQuery(query, startOffsets: [topic(of: planned.plan): offsets])], statement: text)
        try startJob(query, startOffsets: offsets)
        return .message("Created query with ID \(id)")
    }

    /// Creates a statement's topic; a name the log refuses is the statement's error, with its place.
    func createTopic(_ name: String, partitions: Int, retentionMs: Int64?, range: SourceRange) throws {
        do {
            try store.createTopic(name, config: TopicConfig(partitions: partitions, retentionMs: retentionMs))
        } catch let error as LogError {
            if case .invalidTopicName = error { throw Diagnostic.error("\(error)", at: range) }
            throw error
        }
    }

    /// Fails the statement (before anything of it is applied) when its plan can't be run.
    func checkRunnable(_ plan: QueryPlan, range: SourceRange) throws {
        do {
            try PlanCheck.check(plan, registry: registry)
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic.error("\(error)", at: range)
        }
    }

    /// ksqlDB lets a replacing statement add value columns at the end; keys and existing columns stay.
    func checkUpgrade(from old: Schema, to new: Schema, name: String, range: SourceRange) throws {
        if old.keyColumns != new.keyColumns {
            let changed = old.keyColumns.filter { !new.keyColumns.contains($0) }
            throw Diagnostic.error("Cannot upgrade data source: \(name)\nKey columns must be identical. The following key "
                + "columns are changed, missing or reordered: [\(Schema(changed.isEmpty ? old.keyColumns : changed).ksqlText)]",
                at: range)
        }
        let oldValues = old.columns.filter { !$0.isKey }
        let newValues = new.columns.filter { !$0.isKey }
        let kept = Array(newValues.prefix(oldValues.count))
        if kept != oldValues {
            let changed = oldValues.enumerated().filter { index, column in index >= kept.count || kept[index] != column }.map(\.1)
            throw Diagnostic.error("Cannot upgrade data source: \(name)\n(The following columns are changed, missing or "
                + "reordered: [\(Schema(changed).ksqlText)])", at: range)
        }
    }

    func topic(of plan: QueryPlan) -> String { plan.sources.first?.topic ?? "" }

    /// Where a new query starts in each source partition: the earliest offset, or the end of the
    /// committed data (`auto.offset.reset = latest`, ksqlDB's default).
    func resolveStartOffsets(_ plan: QueryPlan, earliest: Bool) throws -> [Int64] {
        let topic = topic(of: plan)
        let partitions = try store.partitionCount(of: topic)
        return try (0..<partitions).map { partition in
            let topicPartition = TopicPartition(topic, partition)
            return earliest ? try store.startOffset(topicPartition) : try store.lastStableOffset(topicPartition)
        }
    }

    func insertValues(_ statement: InsertValuesStatement, session: Session) throws -> StatementResult {
        let (target, values, rowtime) = try rowValues(of: statement, session: session)
        let timestamp = rowtime ?? Int64(Date().timeIntervalSince1970 * 1000)
        let columns = target.schema.columns
        let keyIndexes = columns.indices.filter { columns[$0].kind == .key }
        let valueIndexes = columns.indices.filter { columns[$0].kind == .value }
        let keyEncoder = try Serdes.makeEncoder(format: target.keyFormat, columns: keyIndexes.map { columns[$0] }, isKey: true,
                                                sources: keyIndexes)
        let valueEncoder = try Serdes.makeEncoder(format: target.valueFormat, columns: valueIndexes.map { columns[$0] },
                                                  isKey: false, sources: valueIndexes)
        let key: [UInt8]?
        let value: [UInt8]?
        do {
            key = try keyEncoder.encodeRow(values)
            value = try valueEncoder.encodeRow(values)
        } catch {
            throw Diagnostic.error("Failed to insert values into '\(target.name)'. \(error)", at: statement.range)
        }
        _ = try store.append([ProducerRecord(key: key, value: value, timestamp: timestamp)], to: target.topic)
        return .message("")
    }

    /// The values an `INSERT ... VALUES` (or a test's `ASSERT VALUES`) gives each column of its
    /// target (NULL for unlisted ones), and its ROWTIME if given.
    public func rowValues(of statement: InsertValuesStatement, session: Session) throws
        -> (target: SourceDefinition, values: [Value], rowtime: Int64?)
    {
        let plan = try lock.withLock { try InsertValuesPlanner(context: plannerContext(session)).plan(statement) }
        var values: [Value] = []
        for (index, expression) in plan.values.enumerated() {
            values.append(try constant(expression, column: plan.target.schema.columns[index].name, range: statement.range))
        }
        var rowtime: Int64?
        if let expression = plan.rowtime, case .bigint(let millis) = try constant(expression, column: "ROWTIME", range: statement.range) {
            rowtime = millis
        }
        return (plan.target, values, rowtime)
    }

    /// Evaluates a constant expression (INSERT VALUES) over an empty row.
    private func constant(_ expression: PlanExpr, column: String, range: SourceRange) throws -> Value {
        let compiled = try ExpressionCompiler.compile(expression, registry: registry)
        let context = EvaluationContext(for: [compiled])
        do {
            let value = try [Value]().withUnsafeBufferPointer { try compiled.evaluate($0, in: context) }
            if let suppressed = context.takeSuppressedErrors().first {
                throw Diagnostic.error("Failed to insert values: column \(column): \(suppressed.message)", at: range)
            }
            return value
        } catch let error as RecordError {
            throw Diagnostic.error("Failed to insert values: column \(column): \(error.message)", at: range)
        }
    }
}

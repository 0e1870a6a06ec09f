import SluiceCore
import SluicePlan
import SluiceSQL
import SluiceTime

/// A planned persistent query: its plan, and the stream it writes.
public struct PersistentQueryPlan: Sendable {
    public var plan: QueryPlan
    /// The sink's definition: new for CREATE ... AS SELECT, the existing target for INSERT INTO.
    public var sink: SourceDefinition
    /// Whether the statement creates the sink (C*AS) rather than writing an existing one.
    public var createsSink: Bool
    /// A topic to create before the query starts.
    public var topicToCreate: (name: String, partitions: Int, retentionMs: Int64?)?
    /// The sources the query reads.
    public var sourceNames: [String]
    /// `WITH (QUERY_ID = '...')` on INSERT INTO.
    public var requestedQueryID: String?
}

/// Plans CREATE STREAM ... AS SELECT and INSERT INTO ... SELECT.
public struct SinkPlanner {
    let context: PlannerContext

    public init(context: PlannerContext) {
        self.context = context
    }

    public func plan(_ statement: CreateAsSelectStatement, text: String) throws(Diagnostic) -> PersistentQueryPlan {
        let name = statement.name.value
        if statement.kind == .table {
            throw .error("CREATE TABLE AS SELECT needs aggregation or a table source, which Sluice's engine does not have yet",
                         at: statement.range)
        }
        if let existing = context.catalog.source(named: name), !statement.orReplace, !statement.ifNotExists {
            let kind = existing.kind == .stream ? "stream" : "table"
            throw .error("Cannot add stream '\(name)': A \(kind) with the same name already exists", at: statement.name.range)
        }
        let reader = WithPropertiesReader(properties: statement.properties, statementRange: statement.range)
        try reader.checkNames(allowed: WithPropertiesReader.createProperties)
        let query = try QueryPlanner(context: context).plan(statement.query, sinkName: name)
        let source = query.source
        let prefix = context.property("ksql.output.topic.name.prefix") ?? ""
        let topic = try reader.string("KAFKA_TOPIC") ?? prefix + name
        if let problem = TopicNameRule.problem(with: topic) {
            throw .error("invalid topic name '\(topic)': \(problem)", at: reader.range(of: "KAFKA_TOPIC"))
        }
        if let format = try reader.string("TIMESTAMP_FORMAT") {
            do {
                _ = try DateTimePattern(format)
            } catch {
                throw .error("Invalid TIMESTAMP_FORMAT '\(format)': \(error)", at: reader.range(of: "TIMESTAMP_FORMAT"))
            }
        }
        let formats = try FormatResolver(reader: reader, context: context).resolve(
            inherited: (source.keyFormat, source.valueFormat), keyColumns: query.schema.keyColumns,
            valueColumns: query.schema.valueColumns, isCreateAsSelect: true)
        let timestamp = try timestampColumn(reader, schema: query.schema)
        var partitions = try reader.integer("PARTITIONS").map { Int($0) }
            ?? context.property("ksql.sink.partitions").flatMap { Int($0) }
        var topicToCreate: (String, Int, Int64?)?
        if let existing = context.topicPartitions(topic) {
            if let partitions, partitions != existing {
                throw .error("A Kafka topic with the name '\(topic)' already exists, with different partition/replica "
                    + "configuration than required. KSQL expects \(partitions) partitions (topic has \(existing)).",
                    at: reader.range(of: "PARTITIONS"))
            }
        } else {
            partitions = partitions ?? context.topicPartitions(source.topic) ?? 1
            guard let count = partitions, count >= 1 else {
                throw .error("Invalid number of partitions: \(partitions ?? 0)", at: reader.range(of: "PARTITIONS"))
            }
            topicToCreate = (topic, count, try reader.integer("RETENTION_MS"))
        }
        var sink = SourceDefinition(
            name: name, kind: .stream, schema: query.schema, topic: topic, keyFormat: formats.key, valueFormat: formats.value,
            timestampColumn: timestamp?.name, timestampFormat: try reader.string("TIMESTAMP_FORMAT"), sql: text)
        var step = SinkStep(
            input: query.root, name: name, topic: topic, schema: query.schema, slots: Array(query.schema.columns.indices),
            timestampSlot: timestamp?.slot, keyFormat: formats.key, valueFormat: formats.value)
        step.timestampFormat = try reader.string("TIMESTAMP_FORMAT")
        if let window = query.window {
            sink.window = source.window
            step.window = window.window
            step.windowSlots = window.slots
        }
        return PersistentQueryPlan(
            plan: QueryPlan(root: .sink(step)), sink: sink, createsSink: true, topicToCreate: topicToCreate,
            sourceNames: [source.name], requestedQueryID: nil)
    }

    public func plan(_ statement: InsertIntoStatement, text: String) throws(Diagnostic) -> PersistentQueryPlan {
        let name = statement.target.value
        guard let target = context.catalog.source(named: name) else {
            throw .error("\(name) does not exist.", at: statement.target.range)
        }
        guard target.kind == .stream else {
            throw .error("INSERT INTO can only be used to insert into a stream. \(name) is a table.", at: statement.target.range)
        }
        if target.isReadOnly {
            throw .error("Cannot insert into read-only stream: \(name)", at: statement.target.range)
        }
        if !target.schema.headerColumns.isEmpty {
            throw .error("Cannot insert into \(name) because it has header columns", at: statement.target.range)
        }
        let reader = WithPropertiesReader(properties: statement.properties, statementRange: statement.range)
        try reader.checkNames(allowed: ["QUERY_ID"])
        let query = try QueryPlanner(context: context).plan(statement.query, sinkName: name)
        guard query.window?.window == target.window?.keyWindow else {
            let describe = { (window: KeyWindow?) in window.map { "windowed (\($0.kind.rawValue))" } ?? "not windowed" }
            throw .error("Incompatible key windowing between results and sink: the results are "
                + "\(describe(query.window?.window)) and \(name) is \(describe(target.window?.keyWindow)).",
                at: statement.query.range)
        }
        guard query.schema == target.schema else {
            throw .error("Incompatible schema between results and sink.\nResult schema is \(query.schema.ksqlText)\n"
                + "Sink schema is \(target.schema.ksqlText)", at: statement.query.range)
        }
        var step = SinkStep(
            input: query.root, name: name, topic: target.topic, schema: target.schema,
            slots: Array(target.schema.columns.indices), timestampSlot: nil, keyFormat: target.keyFormat,
            valueFormat: target.valueFormat)
        step.window = query.window?.window
        step.windowSlots = query.window?.slots
        return PersistentQueryPlan(
            plan: QueryPlan(root: .sink(step)), sink: target, createsSink: false, topicToCreate: nil,
            sourceNames: [query.source.name], requestedQueryID: try reader.string("QUERY_ID")?.uppercased())
    }

    private func timestampColumn(_ reader: WithPropertiesReader, schema: Schema) throws(Diagnostic) -> (name: String, slot: Int)? {
        guard let raw = try reader.string("TIMESTAMP") else { return nil }
        let name = raw.hasPrefix("`") && raw.hasSuffix("`") && raw.count >= 2
            ? String(raw.dropFirst().dropLast()) : Identifier.normalize(raw)
        guard let slot = schema.index(of: name) else {
            throw .error("The TIMESTAMP column set in the WITH clause does not exist in the schema: '\(name)'",
                         at: reader.range(of: "TIMESTAMP"))
        }
        switch schema.columns[slot].type {
        case .bigint, .timestamp: return (name, slot)
        case .string where try reader.string("TIMESTAMP_FORMAT") != nil: return (name, slot)
        default:
            throw .error("Timestamp column, `\(name)`, should be LONG(INT64), TIMESTAMP, or a String with a timestamp_format "
                + "specified.", at: reader.range(of: "TIMESTAMP"))
        }
    }
}

import SluiceCore
import SluicePlan

/// A stream or table the catalog knows: its schema, topic and formats.
public struct SourceDefinition: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case stream = "STREAM"
        case table = "TABLE"
    }

    public var name: String
    public var kind: Kind
    public var schema: Schema
    public var topic: String
    public var keyFormat: FormatSpec
    public var valueFormat: FormatSpec
    /// `TIMESTAMP` column name and `TIMESTAMP_FORMAT`, if set.
    public var timestampColumn: String?
    public var timestampFormat: String?
    /// `CREATE SOURCE STREAM/TABLE`: read-only; no INSERT, no `DROP ... DELETE TOPIC`.
    public var isReadOnly: Bool
    /// The statement that created it, as written.
    public var sql: String
    /// The persistent query that writes it (C*AS), if any.
    public var writtenByQuery: String?
    /// For a windowed source (`WINDOW_TYPE`): the window kind and, for TUMBLING and HOPPING, its size.
    public var window: SourceWindow?

    public init(name: String, kind: Kind, schema: Schema, topic: String, keyFormat: FormatSpec, valueFormat: FormatSpec,
                timestampColumn: String? = nil, timestampFormat: String? = nil, isReadOnly: Bool = false, sql: String,
                writtenByQuery: String? = nil) {
        self.name = name
        self.kind = kind
        self.schema = schema
        self.topic = topic
        self.keyFormat = keyFormat
        self.valueFormat = valueFormat
        self.timestampColumn = timestampColumn
        self.timestampFormat = timestampFormat
        self.isReadOnly = isReadOnly
        self.sql = sql
        self.writtenByQuery = writtenByQuery
    }

    /// The source step that reads this definition.
    public var sourceStep: SourceStep {
        let timestamp = timestampColumn.flatMap { name in
            schema.index(of: name).map { TimestampSpec(column: $0, format: timestampFormat) }
        }
        return SourceStep(name: name, topic: topic, schema: schema, keyFormat: keyFormat, valueFormat: valueFormat,
                          timestamp: timestamp, window: window?.keyWindow)
    }
}

/// The windowing of a source whose keys are windowed (`WITH (WINDOW_TYPE='TUMBLING', WINDOW_SIZE='30 SECONDS')`).
public struct SourceWindow: Hashable, Sendable, Codable {
    /// `TUMBLING`, `HOPPING` or `SESSION`.
    public var type: String
    /// The window size in milliseconds (not for SESSION).
    public var sizeMilliseconds: Int64?

    public init(type: String, sizeMilliseconds: Int64?) {
        self.type = type
        self.sizeMilliseconds = sizeMilliseconds
    }

    /// How keys of this windowing are laid out.
    public var keyWindow: KeyWindow {
        KeyWindow(kind: type == "SESSION" ? .session : .time, sizeMilliseconds: sizeMilliseconds)
    }
}

/// A persistent query (CSAS, CTAS, INSERT INTO) as the catalog records it.
public struct QueryDefinition: Hashable, Sendable, Codable {
    /// `CSAS_OUTPUT_3`, `INSERTQUERY_5`, ...
    public var id: String
    public var sql: String
    public var plan: QueryPlan
    /// The source it writes.
    public var sink: String
    /// The sources it reads.
    public var sources: [String]

    public init(id: String, sql: String, plan: QueryPlan, sink: String, sources: [String]) {
        self.id = id
        self.sql = sql
        self.plan = plan
        self.sink = sink
        self.sources = sources
    }
}

/// What the engine knows about streams, tables, types and persistent queries.
///
/// The catalog is a value: the engine applies each command-log entry to it, so replaying the log
/// rebuilds it exactly.
public struct Catalog: Sendable, Codable {
    public private(set) var sources: [String: SourceDefinition] = [:]
    public private(set) var types: [String: SQLType] = [:]
    public private(set) var queries: [String: QueryDefinition] = [:]
    /// The next number for a generated query id.
    public private(set) var nextQueryNumber = 0

    public init() {}

    public func source(named name: String) -> SourceDefinition? { sources[name] }

    /// Sources sorted by name, as SHOW STREAMS/TABLES lists them.
    public func sources(of kind: SourceDefinition.Kind) -> [SourceDefinition] {
        sources.values.filter { $0.kind == kind }.sorted { $0.name < $1.name }
    }

    public mutating func put(_ source: SourceDefinition) {
        sources[source.name] = source
    }

    @discardableResult
    public mutating func removeSource(named name: String) -> SourceDefinition? {
        sources.removeValue(forKey: name)
    }

    public mutating func putType(_ name: String, _ type: SQLType) {
        types[name] = type
    }

    @discardableResult
    public mutating func removeType(named name: String) -> SQLType? {
        types.removeValue(forKey: name)
    }

    public mutating func put(_ query: QueryDefinition) {
        queries[query.id] = query
        if let suffix = query.id.split(separator: "_").last, let number = Int(suffix) {
            nextQueryNumber = max(nextQueryNumber, number + 1)
        }
        if let writer = sources[query.sink], writer.writtenByQuery == nil, query.id.hasPrefix("C") {
            var updated = writer
            updated.writtenByQuery = query.id
            sources[query.sink] = updated
        }
    }

    @discardableResult
    public mutating func removeQuery(id: String) -> QueryDefinition? {
        queries.removeValue(forKey: id)
    }

    /// The id the next persistent query gets, such as `CSAS_PAGEVIEWS_2` or `INSERTQUERY_3`.
    public func nextQueryID(prefix: String, sink: String?) -> String {
        if let sink { return "\(prefix)_\(sink)_\(nextQueryNumber)" }
        return "\(prefix)_\(nextQueryNumber)"
    }

    /// Persistent queries that read `source`.
    public func queriesReading(_ source: String) -> [QueryDefinition] {
        queries.values.filter { $0.sources.contains(source) }.sorted { $0.id < $1.id }
    }

    /// Persistent queries that write `source`.
    public func queriesWriting(_ source: String) -> [QueryDefinition] {
        queries.values.filter { $0.sink == source }.sorted { $0.id < $1.id }
    }
}

import SluiceCore

/// A persistent or transient query as the runtime runs it: a tree of versioned steps.
///
/// Jobs store their plan and never re-plan their SQL on restart, so a newer planner cannot change
/// what a running job does. Changing what a step means adds a new versioned kind (`filterV2`) and
/// keeps the old one decodable.
public struct QueryPlan: Hashable, Sendable, Codable {
    /// The plan format version this build writes.
    public static let currentVersion = 1

    public var version: Int
    /// The last step; for persistent queries a `sinkV1`.
    public var root: PlanStep

    public init(root: PlanStep, version: Int = QueryPlan.currentVersion) {
        self.version = version
        self.root = root
    }

    /// Every source step, left to right.
    public var sources: [SourceStep] {
        var found: [SourceStep] = []
        root.visit { step in
            if case .source(let source) = step { found.append(source) }
        }
        return found
    }
}

/// One step of a dataflow. Every step but a source has an input step.
public indirect enum PlanStep: Hashable, Sendable {
    /// `sourceV1`: reads a topic and decodes its records into rows.
    case source(SourceStep)
    /// `filterV1`: keeps the rows whose predicate is true (NULL counts as false).
    case filter(FilterStep)
    /// `projectV1`: computes a new row from expressions over the input row.
    case project(ProjectStep)
    /// `partitionByV1`: computes new key columns (`PARTITION BY`).
    case partitionBy(PartitionByStep)
    /// `flatMapV1`: table functions (`EXPLODE`), one row per value they return.
    case flatMap(FlatMapStep)
    /// `sinkV1`: encodes rows and writes them to a topic.
    case sink(SinkStep)

    /// The step's input, if it has one.
    public var input: PlanStep? {
        switch self {
        case .source: nil
        case .filter(let step): step.input
        case .project(let step): step.input
        case .partitionBy(let step): step.input
        case .flatMap(let step): step.input
        case .sink(let step): step.input
        }
    }

    /// Calls `body` on this step and every step below it, depth first.
    public func visit(_ body: (PlanStep) -> Void) {
        body(self)
        input?.visit(body)
    }

    /// The versioned kind name stored in plans.
    public var kind: String {
        switch self {
        case .source: "sourceV1"
        case .filter: "filterV1"
        case .project: "projectV1"
        case .partitionBy: "partitionByV1"
        case .flatMap: "flatMapV1"
        case .sink: "sinkV1"
        }
    }
}

/// Pseudo columns every source row carries after its declared columns, in this order.
public enum PseudoColumn: String, CaseIterable, Sendable, Codable {
    case rowtime = "ROWTIME"
    case rowpartition = "ROWPARTITION"
    case rowoffset = "ROWOFFSET"

    public var type: SQLType {
        switch self {
        case .rowtime: .bigint
        case .rowpartition: .integer
        case .rowoffset: .bigint
        }
    }
}

/// How a source finds each record's `ROWTIME`.
public struct TimestampSpec: Hashable, Sendable, Codable {
    /// Index of the `TIMESTAMP` column in the source schema.
    public var column: Int
    /// `TIMESTAMP_FORMAT` (a Java DateTimeFormatter pattern) for a STRING column.
    public var format: String?

    public init(column: Int, format: String? = nil) {
        self.column = column
        self.format = format
    }
}

/// `sourceV1`. Output row: the schema's columns in order, then `PseudoColumn.allCases`, then for a
/// windowed source WINDOWSTART and WINDOWEND.
public struct SourceStep: Hashable, Sendable, Codable {
    /// The stream or table name, for EXPLAIN and the processing log.
    public var name: String
    public var topic: String
    public var schema: Schema
    public var keyFormat: FormatSpec
    public var valueFormat: FormatSpec
    /// Where ROWTIME comes from; `nil` means the record's own timestamp.
    public var timestamp: TimestampSpec?
    /// Fail the query on a record whose timestamp can't be extracted, instead of skipping it
    /// (`ksql.timestamp.throw.on.invalid`).
    public var failsOnInvalidTimestamp = false
    /// The window of the source's keys (`WINDOW_TYPE`); `nil` for plain keys.
    public var window: KeyWindow?

    public init(name: String, topic: String, schema: Schema, keyFormat: FormatSpec, valueFormat: FormatSpec,
                timestamp: TimestampSpec? = nil, window: KeyWindow? = nil) {
        self.name = name
        self.topic = topic
        self.schema = schema
        self.keyFormat = keyFormat
        self.valueFormat = valueFormat
        self.timestamp = timestamp
        self.window = window
    }

    /// Width of the output row.
    public var width: Int { schema.columns.count + PseudoColumn.allCases.count + (window == nil ? 0 : 2) }

    /// Slots of WINDOWSTART and WINDOWEND in the output row of a windowed source.
    public var windowBoundSlots: (start: Int, end: Int)? {
        guard window != nil else { return nil }
        let start = schema.columns.count + PseudoColumn.allCases.count
        return (start, start + 1)
    }

    /// Slot of a pseudo column in the output row.
    public func slot(of pseudo: PseudoColumn) -> Int {
        schema.columns.count + PseudoColumn.allCases.firstIndex(of: pseudo)!
    }
}

/// `filterV1`.
public struct FilterStep: Hashable, Sendable, Codable {
    public var input: PlanStep
    public var predicate: PlanExpr
    /// The predicate as the user wrote it, for EXPLAIN.
    public var text: String

    public init(input: PlanStep, predicate: PlanExpr, text: String) {
        self.input = input
        self.predicate = predicate
        self.text = text
    }
}

/// `projectV1`. Output row: one slot per expression.
public struct ProjectStep: Hashable, Sendable, Codable {
    public var input: PlanStep
    public var expressions: [PlanExpr]
    /// Output names, for EXPLAIN.
    public var names: [String]

    public init(input: PlanStep, expressions: [PlanExpr], names: [String]) {
        self.input = input
        self.expressions = expressions
        self.names = names
    }
}

/// `partitionByV1`. Output row: the key expressions' values, then the input row unchanged.
public struct PartitionByStep: Hashable, Sendable, Codable {
    public var input: PlanStep
    public var keys: [PlanExpr]
    /// Text of the `PARTITION BY` expressions, for EXPLAIN.
    public var text: [String]
    /// For each key, whether it reads value columns: on a row without a value (a tombstone) such a
    /// key is NULL, while keys computed from key columns keep their values, as in ksqlDB.
    public var readsValue: [Bool]

    public init(input: PlanStep, keys: [PlanExpr], text: [String], readsValue: [Bool]) {
        self.input = input
        self.keys = keys
        self.text = text
        self.readsValue = readsValue
    }
}

/// `flatMapV1`. Output rows: for each input row, one per value of the table functions (zipped,
/// the shorter ones NULL), each the input row followed by one slot per function.
public struct FlatMapStep: Hashable, Sendable, Codable {
    public var input: PlanStep
    /// Calls of table functions; each returns an ARRAY of the values it produces.
    public var functions: [PlanExpr]
    /// The calls as the user wrote them, for EXPLAIN.
    public var text: [String]

    public init(input: PlanStep, functions: [PlanExpr], text: [String]) {
        self.input = input
        self.functions = functions
        self.text = text
    }
}

/// `sinkV1`: writes rows to a topic inside the job's transactions.
public struct SinkStep: Hashable, Sendable, Codable {
    public var input: PlanStep
    /// The stream the sink writes (`nil` for a transient query's output).
    public var name: String
    public var topic: String
    /// The sink's columns: keys first, then values.
    public var schema: Schema
    /// For each sink column, its slot in the input row.
    public var slots: [Int]
    /// Slot of the `TIMESTAMP` column whose value becomes the record timestamp; `nil` keeps each
    /// row's own time (its ROWTIME).
    public var timestampSlot: Int?
    /// `TIMESTAMP_FORMAT` for a STRING timestamp column.
    public var timestampFormat: String?
    public var keyFormat: FormatSpec
    public var valueFormat: FormatSpec
    /// For a windowed sink, the window of its keys and the input slots of WINDOWSTART and WINDOWEND,
    /// whose values go into each key after the key columns.
    public var window: KeyWindow?
    public var windowSlots: [Int]?

    public init(input: PlanStep, name: String, topic: String, schema: Schema, slots: [Int], timestampSlot: Int?,
                keyFormat: FormatSpec, valueFormat: FormatSpec) {
        self.input = input
        self.name = name
        self.topic = topic
        self.schema = schema
        self.slots = slots
        self.timestampSlot = timestampSlot
        self.keyFormat = keyFormat
        self.valueFormat = valueFormat
    }
}

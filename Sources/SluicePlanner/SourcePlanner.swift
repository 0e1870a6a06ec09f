import SluiceCore
import SluiceSQL
import SluiceTime

/// The outcome of planning a CREATE STREAM/TABLE: the definition, and the topic to create first
/// when it does not exist yet.
public struct CreateSourcePlan: Sendable {
    public var definition: SourceDefinition
    /// A topic that must be created (name, partitions, retention ms) before the definition is stored.
    public var topicToCreate: (name: String, partitions: Int, retentionMs: Int64?)?
}

/// Column names no source may declare: the pseudo columns every row has.
let reservedColumnNames: Set<String> = ["ROWTIME", "ROWPARTITION", "ROWOFFSET", "WINDOWSTART", "WINDOWEND"]

/// The type a `HEADERS` column must have.
let headersColumnType = SQLType.array(.struct([.init("KEY", .string), .init("VALUE", .bytes)]))

/// Plans `CREATE [OR REPLACE] [SOURCE] STREAM|TABLE name (columns) WITH (...)`.
public struct SourcePlanner {
    let context: PlannerContext

    public init(context: PlannerContext) {
        self.context = context
    }

    public func plan(_ statement: CreateSourceStatement, text: String) throws(Diagnostic) -> CreateSourcePlan {
        let reader = WithPropertiesReader(properties: statement.properties, statementRange: statement.range)
        try reader.checkNames(allowed: WithPropertiesReader.createProperties)
        let kind: SourceDefinition.Kind = statement.kind == .stream ? .stream : .table
        let schema = try columns(statement, kind: kind)
        guard let topic = try reader.string("KAFKA_TOPIC") else {
            throw .error("Missing required property \"KAFKA_TOPIC\" which has no default value.", at: statement.range)
        }
        if let problem = TopicNameRule.problem(with: topic) {
            throw .error("invalid topic name '\(topic)': \(problem)", at: reader.range(of: "KAFKA_TOPIC"))
        }
        let formats = try FormatResolver(reader: reader, context: context).resolve(
            inherited: nil, keyColumns: schema.keyColumns, valueColumns: schema.valueColumns, isCreateAsSelect: false)
        let (timestampColumn, timestampFormat) = try timestamp(reader, schema: schema)
        let window = try windowing(reader)
        var topicToCreate: (String, Int, Int64?)?
        let requested = try reader.integer("PARTITIONS")
        if let existing = context.topicPartitions(topic) {
            if let requested, requested != existing {
                throw .error("A Kafka topic with the name '\(topic)' already exists, with different partition/replica "
                    + "configuration than required. KSQL expects \(requested) partitions (topic has \(existing)).",
                    at: reader.range(of: "PARTITIONS"))
            }
        } else if let requested {
            guard requested >= 1 else { throw .error("Invalid number of partitions: \(requested)", at: reader.range(of: "PARTITIONS")) }
            topicToCreate = (topic, Int(requested), try reader.integer("RETENTION_MS"))
        } else {
            throw .error("Topic '\(topic)' does not exist. If you want to create a new topic for the "
                + "\(kind == .stream ? "stream" : "table") please re-run the statement providing the required "
                + "'PARTITIONS' configuration in the WITH clause (and optionally 'REPLICAS'). For example: "
                + "CREATE \(kind.rawValue) \(statement.name.value) (...) WITH (KAFKA_TOPIC='\(topic)', PARTITIONS=2, ...);",
                at: reader.range(of: "KAFKA_TOPIC"))
        }
        var definition = SourceDefinition(
            name: statement.name.value, kind: kind, schema: schema, topic: topic, keyFormat: formats.key,
            valueFormat: formats.value, timestampColumn: timestampColumn, timestampFormat: timestampFormat,
            isReadOnly: statement.isReadOnly, sql: text)
        definition.window = window
        return CreateSourcePlan(definition: definition, topicToCreate: topicToCreate)
    }

    private func columns(_ statement: CreateSourceStatement, kind: SourceDefinition.Kind) throws(Diagnostic) -> Schema {
        guard !statement.elements.isEmpty else {
            throw .error("The statement does not define any columns.", at: statement.range)
        }
        var keys: [Column] = []
        var others: [Column] = []
        var seen = Set<String>()
        for element in statement.elements {
            let name = element.name.value
            if reservedColumnNames.contains(name.uppercased()) {
                throw .error("`\(name)` is a reserved column name. You cannot use it as an alias for a column.",
                             at: element.name.range)
            }
            guard seen.insert(name).inserted else {
                throw .error("Duplicate column names: \(name)", at: element.name.range)
            }
            let type = try context.types.resolve(element.type)
            switch element.constraint {
            case .key?:
                if kind == .table {
                    throw .error("Column `\(name)` is a 'KEY' column: please use 'PRIMARY KEY' for tables.\n"
                        + "Tables have PRIMARY KEYs, which are unique and NON NULL.\n"
                        + "Streams have KEYs, which have no uniqueness or NON NULL constraints.", at: element.range)
                }
                keys.append(Column(name, type, kind: .key))
            case .primaryKey?:
                if kind == .stream {
                    throw .error("Column `\(name)` is a 'PRIMARY KEY' column: please use 'KEY' for streams.\n"
                        + "Tables have PRIMARY KEYs, which are unique and NON NULL.\n"
                        + "Streams have KEYs, which have no uniqueness or NON NULL constraints.", at: element.range)
                }
                keys.append(Column(name, type, kind: .key))
            case .headers?:
                guard type == headersColumnType else {
                    throw .error("Invalid type for HEADERS column: expected \(headersColumnType.canonicalText), got \(type)",
                                 at: element.type.range)
                }
                others.append(Column(name, type, kind: .headers))
            case .header(let headerName)?:
                guard type == .bytes else {
                    throw .error("Invalid type for HEADER('\(headerName)') column: expected BYTES, got \(type)",
                                 at: element.type.range)
                }
                others.append(Column(name, type, kind: .header(headerName)))
            case nil:
                others.append(Column(name, type))
            }
        }
        if kind == .table && keys.isEmpty {
            throw .error("Tables require a PRIMARY KEY. Please define the PRIMARY KEY.", at: statement.range)
        }
        return Schema(keys + others)
    }

    /// `WINDOW_TYPE` and `WINDOW_SIZE`, checked as ksqlDB checks them.
    private func windowing(_ reader: WithPropertiesReader) throws(Diagnostic) -> SourceWindow? {
        let size = try reader.string("WINDOW_SIZE")
        guard let type = try reader.string("WINDOW_TYPE")?.uppercased() else {
            if size != nil {
                throw .error("'WINDOW_SIZE' should only be set for windowed sources (WINDOW_TYPE).", at: reader.range(of: "WINDOW_SIZE"))
            }
            return nil
        }
        guard ["TUMBLING", "HOPPING", "SESSION"].contains(type) else {
            throw .error("Invalid value \(type) for property WINDOW_TYPE: String must be one of: SESSION, HOPPING, TUMBLING",
                         at: reader.range(of: "WINDOW_TYPE"))
        }
        if type == "SESSION" {
            if size != nil {
                throw .error("'WINDOW_SIZE' should not be set for SESSION windows.", at: reader.range(of: "WINDOW_SIZE"))
            }
            return SourceWindow(type: type, sizeMilliseconds: nil)
        }
        guard let size else {
            throw .error("Tumbling and Hopping window types should set WINDOW_SIZE in the WITH clause.",
                         at: reader.range(of: "WINDOW_TYPE"))
        }
        return SourceWindow(type: type, sizeMilliseconds: try Self.duration(size, range: reader.range(of: "WINDOW_SIZE")))
    }

    /// Reads `30 SECONDS`-style durations: a count and a time unit, singular or plural.
    static func duration(_ text: String, range: SourceRange) throws(Diagnostic) -> Int64 {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        let prefix = "Configuration WINDOW_SIZE is invalid: Invalid duration: '\(text)'. "
        guard parts.count == 2, let count = Int64(parts[0]) else {
            throw .error(prefix + "It must be a number followed by a time unit, e.g. '30 SECONDS'", at: range)
        }
        let unit = parts[1].uppercased()
        let units: [String: Int64] = ["MILLISECOND": 1, "SECOND": 1000, "MINUTE": 60_000, "HOUR": 3_600_000, "DAY": 86_400_000]
        guard let millis = units[unit] ?? (unit.hasSuffix("S") ? units[String(unit.dropLast())] : nil) else {
            throw .error(prefix + "Unknown time unit: '\(unit)'", at: range)
        }
        return count * millis
    }

    private func timestamp(_ reader: WithPropertiesReader, schema: Schema) throws(Diagnostic) -> (String?, String?) {
        let format = try reader.string("TIMESTAMP_FORMAT")
        if let format {
            do {
                _ = try DateTimePattern(format)
            } catch {
                throw .error("Invalid TIMESTAMP_FORMAT '\(format)': \(error)", at: reader.range(of: "TIMESTAMP_FORMAT"))
            }
        }
        guard let raw = try reader.string("TIMESTAMP") else {
            if format != nil {
                throw .error("TIMESTAMP_FORMAT requires the TIMESTAMP property to name a column", at: reader.range(of: "TIMESTAMP_FORMAT"))
            }
            return (nil, nil)
        }
        // The property value is a column name: unquoted text is upper-cased, backquoted text kept.
        let name = raw.hasPrefix("`") && raw.hasSuffix("`") && raw.count >= 2
            ? String(raw.dropFirst().dropLast()) : Identifier.normalize(raw)
        guard let column = schema.column(named: name) else {
            throw .error("The TIMESTAMP column set in the WITH clause does not exist in the schema: '\(name)'",
                         at: reader.range(of: "TIMESTAMP"))
        }
        switch column.type {
        case .bigint, .timestamp: break
        case .string where format != nil: break
        default:
            throw .error("Timestamp column, `\(name)`, should be LONG(INT64), TIMESTAMP, or a String with a timestamp_format specified.",
                         at: reader.range(of: "TIMESTAMP"))
        }
        return (name, format)
    }
}

import SluiceCore

/// Declares a stream or table over an existing topic.
///
///     CREATE [OR REPLACE] [SOURCE] STREAM [IF NOT EXISTS] views (user_id BIGINT KEY, page STRING)
///       WITH (KAFKA_TOPIC='views', VALUE_FORMAT='JSON', PARTITIONS=4)
///
/// `SOURCE` makes it read-only and materialized (it rejects INSERT and DROP ... DELETE TOPIC).
public struct CreateSourceStatement: Hashable, Sendable {
    public var kind: SourceKind
    public var orReplace: Bool
    public var isReadOnly: Bool
    public var ifNotExists: Bool
    public var name: Identifier
    /// The columns; empty when the schema comes from a schema registry.
    public var elements: [ColumnDefinition]
    public var properties: WithProperties
    @SyntaxRange public var range: SourceRange

    public init(
        kind: SourceKind,
        orReplace: Bool = false,
        isReadOnly: Bool = false,
        ifNotExists: Bool = false,
        name: Identifier,
        elements: [ColumnDefinition] = [],
        properties: WithProperties = WithProperties(),
        range: SourceRange = .none
    ) {
        self.kind = kind
        self.orReplace = orReplace
        self.isReadOnly = isReadOnly
        self.ifNotExists = ifNotExists
        self.name = name
        self.elements = elements
        self.properties = properties
        self.range = range
    }
}

/// Creates a stream or table from a persistent query (CSAS / CTAS).
///
///     CREATE TABLE page_counts WITH (KAFKA_TOPIC='counts') AS
///       SELECT page, COUNT(*) AS n FROM views GROUP BY page EMIT CHANGES
public struct CreateAsSelectStatement: Hashable, Sendable {
    public var kind: SourceKind
    public var orReplace: Bool
    public var ifNotExists: Bool
    public var name: Identifier
    public var properties: WithProperties
    public var query: SelectStatement
    @SyntaxRange public var range: SourceRange

    public init(
        kind: SourceKind,
        orReplace: Bool = false,
        ifNotExists: Bool = false,
        name: Identifier,
        properties: WithProperties = WithProperties(),
        query: SelectStatement,
        range: SourceRange = .none
    ) {
        self.kind = kind
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
        self.name = name
        self.properties = properties
        self.query = query
        self.range = range
    }
}

/// One column of a CREATE STREAM/TABLE, ASSERT STREAM/TABLE or ALTER ... ADD COLUMN.
///
///     user_id BIGINT KEY      id INT PRIMARY KEY      hs ARRAY<STRUCT<key STRING, value BYTES>> HEADERS
public struct ColumnDefinition: Hashable, Sendable {
    public var name: Identifier
    public var type: TypeSyntax
    public var constraint: ColumnConstraint?
    @SyntaxRange public var range: SourceRange

    public init(name: Identifier, type: TypeSyntax, constraint: ColumnConstraint? = nil, range: SourceRange = .none) {
        self.name = name
        self.type = type
        self.constraint = constraint
        self.range = range
    }
}

/// What a column holds besides a value field.
public enum ColumnConstraint: Hashable, Sendable {
    /// `KEY`: a key column of a stream.
    case key
    /// `PRIMARY KEY`: a key column of a table.
    case primaryKey
    /// `HEADERS`: all record headers, as `ARRAY<STRUCT<key STRING, value BYTES>>`.
    case headers
    /// `HEADER('k')`: the last header named `k`, as BYTES.
    case header(String)
}

/// `WITH (name = literal, ...)`: properties of a CREATE, INSERT INTO, connector or assertion.
///
/// Names are case-insensitive (`kafka_topic` and `KAFKA_TOPIC` are the same property); look values
/// up with ``subscript(_:)``. The entries keep their written order for printing.
public struct WithProperties: Hashable, Sendable {
    public var entries: [WithProperty]
    /// The whole `WITH (...)` clause; empty (at the place it would go) when there is none.
    @SyntaxRange public var range: SourceRange

    public init(_ entries: [WithProperty] = [], range: SourceRange = .none) {
        self.entries = entries
        self.range = range
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The value of the last property named `name`, compared case-insensitively.
    public subscript(_ name: String) -> Literal? { entry(named: name)?.value }

    /// The last property named `name`, compared case-insensitively.
    public func entry(named name: String) -> WithProperty? {
        let wanted = Identifier.normalize(name)
        return entries.last { Identifier.normalize($0.name) == wanted }
    }
}

/// `KAFKA_TOPIC='views'` or `'ksql.streams.x'=1` in a WITH clause.
public struct WithProperty: Hashable, Sendable {
    /// The name as written: an identifier's value (`kafka_topic` becomes `KAFKA_TOPIC`) or a
    /// string's text.
    public var name: String
    /// The name was a string (`'kafka_topic'`) rather than an identifier.
    public var nameIsString: Bool
    public var value: Literal
    @SyntaxRange public var range: SourceRange

    public init(name: String, nameIsString: Bool = false, value: Literal, range: SourceRange = .none) {
        self.name = name
        self.nameIsString = nameIsString
        self.value = value
        self.range = range
    }
}

/// `CREATE TYPE [IF NOT EXISTS] address AS STRUCT<street STRING, city STRING>`
public struct CreateTypeStatement: Hashable, Sendable {
    public var ifNotExists: Bool
    public var name: Identifier
    public var type: TypeSyntax
    @SyntaxRange public var range: SourceRange

    public init(ifNotExists: Bool = false, name: Identifier, type: TypeSyntax, range: SourceRange = .none) {
        self.ifNotExists = ifNotExists
        self.name = name
        self.type = type
        self.range = range
    }
}

/// `ALTER STREAM|TABLE s ADD [COLUMN] c1 INT, ADD [COLUMN] c2 STRING` (not for C*AS sources).
public struct AlterSourceStatement: Hashable, Sendable {
    public var kind: SourceKind
    public var name: Identifier
    /// The added columns (never with a constraint).
    public var addedColumns: [ColumnDefinition]
    @SyntaxRange public var range: SourceRange

    public init(kind: SourceKind, name: Identifier, addedColumns: [ColumnDefinition], range: SourceRange = .none) {
        self.kind = kind
        self.name = name
        self.addedColumns = addedColumns
        self.range = range
    }
}

/// `CREATE SOURCE|SINK CONNECTOR [IF NOT EXISTS] c WITH ('connector.class' = '...', ...)`
public struct CreateConnectorStatement: Hashable, Sendable {
    /// A source connector writes into Kafka topics; a sink connector reads from them.
    public enum ConnectorType: String, Hashable, Sendable {
        case source = "SOURCE"
        case sink = "SINK"
    }

    public var type: ConnectorType
    public var ifNotExists: Bool
    public var name: Identifier
    public var properties: WithProperties
    @SyntaxRange public var range: SourceRange

    public init(
        type: ConnectorType,
        ifNotExists: Bool = false,
        name: Identifier,
        properties: WithProperties,
        range: SourceRange = .none
    ) {
        self.type = type
        self.ifNotExists = ifNotExists
        self.name = name
        self.properties = properties
        self.range = range
    }
}

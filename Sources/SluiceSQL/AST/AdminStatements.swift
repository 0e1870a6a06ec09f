import SluiceCore

/// `SHOW ...` or `LIST ...` (the two words mean the same).
public struct ListStatement: Hashable, Sendable {
    /// What to list.
    public enum Target: Hashable, Sendable {
        /// `SHOW PROPERTIES`
        case properties
        /// `SHOW [ALL] TOPICS [EXTENDED]` (`ALL` includes internal topics)
        case topics(all: Bool, extended: Bool)
        /// `SHOW STREAMS [EXTENDED]`
        case streams(extended: Bool)
        /// `SHOW TABLES [EXTENDED]`
        case tables(extended: Bool)
        /// `SHOW FUNCTIONS`
        case functions
        /// `SHOW [SOURCE | SINK] CONNECTORS`
        case connectors(CreateConnectorStatement.ConnectorType?)
        /// `SHOW CONNECTOR PLUGINS`
        case connectorPlugins
        /// `SHOW TYPES`
        case types
        /// `SHOW VARIABLES`
        case variables
        /// `SHOW QUERIES [EXTENDED]`
        case queries(extended: Bool)
    }

    public var target: Target
    @SyntaxRange public var range: SourceRange

    public init(_ target: Target, range: SourceRange = .none) {
        self.target = target
        self.range = range
    }
}

/// `DESCRIBE ...`
public struct DescribeStatement: Hashable, Sendable {
    /// What to describe.
    public enum Target: Hashable, Sendable {
        /// `DESCRIBE s [EXTENDED]`: the columns of a stream or table.
        case source(Identifier, extended: Bool)
        /// `DESCRIBE STREAMS [EXTENDED]`: every stream.
        case streams(extended: Bool)
        /// `DESCRIBE FUNCTION f`
        case function(Identifier)
        /// `DESCRIBE CONNECTOR c`
        case connector(Identifier)
    }

    public var target: Target
    @SyntaxRange public var range: SourceRange

    public init(_ target: Target, range: SourceRange = .none) {
        self.target = target
        self.range = range
    }
}

/// `EXPLAIN <statement>` or `EXPLAIN query_id`.
public struct ExplainStatement: Hashable, Sendable {
    /// A statement to plan and explain, or a running query to explain.
    public indirect enum Target: Hashable, Sendable {
        case statement(Statement)
        case query(Identifier)
    }

    public var target: Target
    @SyntaxRange public var range: SourceRange

    public init(_ target: Target, range: SourceRange = .none) {
        self.target = target
        self.range = range
    }
}

/// `PRINT topic [FROM BEGINNING] [INTERVAL n] [LIMIT n]`: show a topic's records.
public struct PrintStatement: Hashable, Sendable {
    public var topic: ResourceName
    public var fromBeginning: Bool
    /// Print every n-th record (`INTERVAL n`, also written `SAMPLE n`).
    public var interval: Int64?
    public var limit: Int64?
    @SyntaxRange public var range: SourceRange

    public init(
        topic: ResourceName,
        fromBeginning: Bool = false,
        interval: Int64? = nil,
        limit: Int64? = nil,
        range: SourceRange = .none
    ) {
        self.topic = topic
        self.fromBeginning = fromBeginning
        self.interval = interval
        self.limit = limit
        self.range = range
    }
}

/// The query a TERMINATE, PAUSE or RESUME acts on.
public enum QueryTarget: Hashable, Sendable {
    /// `CSAS_OUTPUT_0`
    case query(Identifier)
    /// `ALL`: every persistent query.
    case all
}

/// `TERMINATE query_id | ALL`: stop persistent queries for good.
public struct TerminateStatement: Hashable, Sendable {
    public var target: QueryTarget
    @SyntaxRange public var range: SourceRange

    public init(_ target: QueryTarget, range: SourceRange = .none) {
        self.target = target
        self.range = range
    }
}

/// `PAUSE query_id | ALL`
public struct PauseStatement: Hashable, Sendable {
    public var target: QueryTarget
    @SyntaxRange public var range: SourceRange

    public init(_ target: QueryTarget, range: SourceRange = .none) {
        self.target = target
        self.range = range
    }
}

/// `RESUME query_id | ALL`
public struct ResumeStatement: Hashable, Sendable {
    public var target: QueryTarget
    @SyntaxRange public var range: SourceRange

    public init(_ target: QueryTarget, range: SourceRange = .none) {
        self.target = target
        self.range = range
    }
}

/// `SET 'auto.offset.reset' = 'earliest'`: a session property.
public struct SetPropertyStatement: Hashable, Sendable {
    public var name: StringOrVariable
    public var value: StringOrVariable
    @SyntaxRange public var range: SourceRange

    public init(name: StringOrVariable, value: StringOrVariable, range: SourceRange = .none) {
        self.name = name
        self.value = value
        self.range = range
    }
}

/// `UNSET 'auto.offset.reset'`
public struct UnsetPropertyStatement: Hashable, Sendable {
    public var name: StringOrVariable
    @SyntaxRange public var range: SourceRange

    public init(name: StringOrVariable, range: SourceRange = .none) {
        self.name = name
        self.range = range
    }
}

/// `ALTER SYSTEM 'property' = 'value'`: a server-wide property.
public struct AlterSystemStatement: Hashable, Sendable {
    public var name: String
    public var value: String
    @SyntaxRange public var range: SourceRange

    public init(name: String, value: String, range: SourceRange = .none) {
        self.name = name
        self.value = value
        self.range = range
    }
}

/// `DEFINE name = 'value'`: a variable for `${name}` in later statements.
public struct DefineVariableStatement: Hashable, Sendable {
    /// The name as written (variables are looked up case-insensitively).
    public var name: String
    public var value: String
    @SyntaxRange public var range: SourceRange

    public init(name: String, value: String, range: SourceRange = .none) {
        self.name = name
        self.value = value
        self.range = range
    }
}

/// `UNDEFINE name`
public struct UndefineVariableStatement: Hashable, Sendable {
    public var name: String
    @SyntaxRange public var range: SourceRange

    public init(name: String, range: SourceRange = .none) {
        self.name = name
        self.range = range
    }
}

/// `RUN SCRIPT '/path/to/file.sql'`
public struct RunScriptStatement: Hashable, Sendable {
    public var path: String
    @SyntaxRange public var range: SourceRange

    public init(path: String, range: SourceRange = .none) {
        self.path = path
        self.range = range
    }
}

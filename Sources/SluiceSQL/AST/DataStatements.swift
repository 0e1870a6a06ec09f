import SluiceCore

/// `INSERT INTO s [WITH (QUERY_ID='q')] SELECT ...`: a persistent query writing into a stream.
public struct InsertIntoStatement: Hashable, Sendable {
    public var target: Identifier
    public var properties: WithProperties
    public var query: SelectStatement
    @SyntaxRange public var range: SourceRange

    public init(
        target: Identifier,
        properties: WithProperties = WithProperties(),
        query: SelectStatement,
        range: SourceRange = .none
    ) {
        self.target = target
        self.properties = properties
        self.query = query
        self.range = range
    }
}

/// `INSERT INTO s [(ROWTIME, id, name)] VALUES (1, 2, 'x')`: one row; the column list may set
/// ROWTIME and key columns.
public struct InsertValuesStatement: Hashable, Sendable {
    public var target: Identifier
    /// The named columns; empty means all value and key columns in schema order.
    public var columns: [Identifier]
    public var values: [Expr]
    @SyntaxRange public var range: SourceRange

    public init(target: Identifier, columns: [Identifier] = [], values: [Expr], range: SourceRange = .none) {
        self.target = target
        self.columns = columns
        self.values = values
        self.range = range
    }
}

/// Test files: `ASSERT VALUES s [(cols)] VALUES (...)`: the next record of `s` has these values.
public struct AssertValuesStatement: Hashable, Sendable {
    public var source: Identifier
    public var columns: [Identifier]
    public var values: [Expr]
    @SyntaxRange public var range: SourceRange

    public init(source: Identifier, columns: [Identifier] = [], values: [Expr], range: SourceRange = .none) {
        self.source = source
        self.columns = columns
        self.values = values
        self.range = range
    }
}

/// Test files: `ASSERT NULL VALUES s [(cols)] KEY (...)`: the next record of `s` is a tombstone
/// with this key.
public struct AssertTombstoneStatement: Hashable, Sendable {
    public var source: Identifier
    public var columns: [Identifier]
    public var keys: [Expr]
    @SyntaxRange public var range: SourceRange

    public init(source: Identifier, columns: [Identifier] = [], keys: [Expr], range: SourceRange = .none) {
        self.source = source
        self.columns = columns
        self.keys = keys
        self.range = range
    }
}

/// Test files: `ASSERT STREAM|TABLE s (cols) [WITH (...)]`: `s` exists with this schema and these
/// properties.
public struct AssertSourceStatement: Hashable, Sendable {
    public var kind: SourceKind
    public var name: Identifier
    public var elements: [ColumnDefinition]
    public var properties: WithProperties
    @SyntaxRange public var range: SourceRange

    public init(
        kind: SourceKind,
        name: Identifier,
        elements: [ColumnDefinition] = [],
        properties: WithProperties = WithProperties(),
        range: SourceRange = .none
    ) {
        self.kind = kind
        self.name = name
        self.elements = elements
        self.properties = properties
        self.range = range
    }
}

/// `ASSERT [NOT EXISTS] TOPIC t [WITH (PARTITIONS=2)] [TIMEOUT 10 SECONDS]`
public struct AssertTopicStatement: Hashable, Sendable {
    /// False for `ASSERT NOT EXISTS`.
    public var exists: Bool
    public var topic: ResourceName
    public var properties: WithProperties
    public var timeout: DurationSyntax?
    @SyntaxRange public var range: SourceRange

    public init(
        exists: Bool = true,
        topic: ResourceName,
        properties: WithProperties = WithProperties(),
        timeout: DurationSyntax? = nil,
        range: SourceRange = .none
    ) {
        self.exists = exists
        self.topic = topic
        self.properties = properties
        self.timeout = timeout
        self.range = range
    }
}

/// `ASSERT [NOT EXISTS] SCHEMA [SUBJECT s] [ID 42] [TIMEOUT 10 SECONDS]`
public struct AssertSchemaStatement: Hashable, Sendable {
    public var exists: Bool
    public var subject: ResourceName?
    public var id: Literal?
    public var timeout: DurationSyntax?
    @SyntaxRange public var range: SourceRange

    public init(
        exists: Bool = true,
        subject: ResourceName? = nil,
        id: Literal? = nil,
        timeout: DurationSyntax? = nil,
        range: SourceRange = .none
    ) {
        self.exists = exists
        self.subject = subject
        self.id = id
        self.timeout = timeout
        self.range = range
    }
}

/// `DROP STREAM|TABLE [IF EXISTS] s [DELETE TOPIC]`
public struct DropSourceStatement: Hashable, Sendable {
    public var kind: SourceKind
    public var ifExists: Bool
    public var name: Identifier
    public var deleteTopic: Bool
    @SyntaxRange public var range: SourceRange

    public init(
        kind: SourceKind,
        ifExists: Bool = false,
        name: Identifier,
        deleteTopic: Bool = false,
        range: SourceRange = .none
    ) {
        self.kind = kind
        self.ifExists = ifExists
        self.name = name
        self.deleteTopic = deleteTopic
        self.range = range
    }
}

/// `DROP CONNECTOR [IF EXISTS] c`
public struct DropConnectorStatement: Hashable, Sendable {
    public var ifExists: Bool
    public var name: Identifier
    @SyntaxRange public var range: SourceRange

    public init(ifExists: Bool = false, name: Identifier, range: SourceRange = .none) {
        self.ifExists = ifExists
        self.name = name
        self.range = range
    }
}

/// `DROP TYPE [IF EXISTS] t`
public struct DropTypeStatement: Hashable, Sendable {
    public var ifExists: Bool
    public var name: Identifier
    @SyntaxRange public var range: SourceRange

    public init(ifExists: Bool = false, name: Identifier, range: SourceRange = .none) {
        self.ifExists = ifExists
        self.name = name
        self.range = range
    }
}

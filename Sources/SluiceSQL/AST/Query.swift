import SluiceCore

/// A query: `SELECT ... FROM ...` with its clauses, in ksqlDB's fixed order.
///
///     SELECT items FROM relation [WINDOW w] [WHERE e] [GROUP BY e, ...] [PARTITION BY e, ...]
///       [HAVING e] [EMIT CHANGES | EMIT FINAL] [LIMIT n]
///
/// Without `EMIT` a top-level SELECT is a pull query; with `EMIT CHANGES` it is a push query. Inside
/// CREATE ... AS SELECT and INSERT INTO the query is persistent either way.
public struct SelectStatement: Hashable, Sendable {
    public var items: [SelectItem]
    public var from: FromClause
    public var window: WindowSpec?
    public var whereClause: Expr?
    /// `GROUP BY a, b` or `GROUP BY (a, b)`; `GROUP BY ()` is an empty list.
    public var groupBy: [Expr]?
    /// `PARTITION BY a, b`; `PARTITION BY ()` is an empty list.
    public var partitionBy: [Expr]?
    public var having: Expr?
    public var emit: EmitMode?
    public var limit: Int64?
    @SyntaxRange public var range: SourceRange

    public init(
        items: [SelectItem],
        from: FromClause,
        window: WindowSpec? = nil,
        whereClause: Expr? = nil,
        groupBy: [Expr]? = nil,
        partitionBy: [Expr]? = nil,
        having: Expr? = nil,
        emit: EmitMode? = nil,
        limit: Int64? = nil,
        range: SourceRange = .none
    ) {
        self.items = items
        self.from = from
        self.window = window
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.partitionBy = partitionBy
        self.having = having
        self.emit = emit
        self.limit = limit
        self.range = range
    }
}

/// `EMIT CHANGES` (a push query: every change) or `EMIT FINAL` (windowed aggregates: one result
/// per window, once it closes).
public enum EmitMode: String, Hashable, Sendable {
    case changes = "CHANGES"
    case final = "FINAL"
}

/// One item of the select list.
public struct SelectItem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `price * 2 AS total`, `name` (alias optional, `AS` optional)
        case expr(Expr, alias: Identifier?)
        /// `*`: every column of every source (not the pseudo columns such as ROWTIME).
        case all
        /// `o.*`: every column of one source.
        case allFrom(Identifier)
        /// `address->*`: every field of a struct.
        case structAll(Expr)
    }

    public var kind: Kind
    @SyntaxRange public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = .none) {
        self.kind = kind
        self.range = range
    }
}

/// The FROM clause: one source and any number of joins, left to right.
///
///     FROM orders o JOIN customers c ON o.customer_id = c.id LEFT JOIN items i WITHIN 1 HOUR ON ...
public struct FromClause: Hashable, Sendable {
    public var source: AliasedRelation
    public var joins: [JoinClause]
    @SyntaxRange public var range: SourceRange

    public init(source: AliasedRelation, joins: [JoinClause] = [], range: SourceRange = .none) {
        self.source = source
        self.joins = joins
        self.range = range
    }
}

/// `orders`, `orders o`, `orders AS o`.
public struct AliasedRelation: Hashable, Sendable {
    public var name: Identifier
    public var alias: Identifier?
    @SyntaxRange public var range: SourceRange

    public init(name: Identifier, alias: Identifier? = nil, range: SourceRange = .none) {
        self.name = name
        self.alias = alias
        self.range = range
    }
}

/// `[INNER | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER]] JOIN relation [WITHIN ...] ON condition`
public struct JoinClause: Hashable, Sendable {
    public var type: JoinType
    public var relation: AliasedRelation
    public var within: JoinWindow?
    public var condition: Expr
    @SyntaxRange public var range: SourceRange

    public init(
        type: JoinType,
        relation: AliasedRelation,
        within: JoinWindow? = nil,
        condition: Expr,
        range: SourceRange = .none
    ) {
        self.type = type
        self.relation = relation
        self.within = within
        self.condition = condition
        self.range = range
    }
}

/// The kind of join; a plain `JOIN` is inner.
public enum JoinType: String, Hashable, Sendable {
    case inner = "INNER"
    case left = "LEFT"
    case right = "RIGHT"
    case full = "FULL"
}

/// The time bound of a stream-stream join.
///
///     WITHIN 1 HOUR                                  before = after = 1 hour
///     WITHIN (10 SECONDS, 1 MINUTE) GRACE PERIOD 5 SECONDS
public struct JoinWindow: Hashable, Sendable {
    /// How far the right record may precede the left one.
    public var before: DurationSyntax
    /// How far it may follow; nil when one size was written for both.
    public var after: DurationSyntax?
    public var grace: DurationSyntax?
    @SyntaxRange public var range: SourceRange

    public init(
        before: DurationSyntax,
        after: DurationSyntax? = nil,
        grace: DurationSyntax? = nil,
        range: SourceRange = .none
    ) {
        self.before = before
        self.after = after
        self.grace = grace
        self.range = range
    }
}

/// The WINDOW clause of an aggregation.
public struct WindowSpec: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A tumbling window: fixed size, no overlap.
        ///
        ///     WINDOW TUMBLING (SIZE 1 MINUTE, RETENTION 2 DAYS, GRACE PERIOD 10 SECONDS)
        case tumbling(size: DurationSyntax)
        /// A hopping (sliding) window.
        ///
        ///     WINDOW HOPPING (SIZE 5 MINUTES, ADVANCE BY 1 MINUTE, GRACE PERIOD 10 SECONDS)
        ///
        /// Each record lands in `size / advance` windows.
        case hopping(size: DurationSyntax, advance: DurationSyntax)
        /// A session window: closes after `gap` without records for the key.
        ///
        ///     WINDOW SESSION (30 MINUTES)
        case session(gap: DurationSyntax)
    }

    /// `w` in `WINDOW w TUMBLING (...)` (ksqlDB accepts and ignores it).
    public var name: Identifier?
    public var kind: Kind
    /// How long closed windows stay queryable (default 1 day, or the window size if larger).
    public var retention: DurationSyntax?
    /// How late a record may arrive after its window ends (ksqlDB's default: 24 hours).
    public var grace: DurationSyntax?
    @SyntaxRange public var range: SourceRange

    public init(
        name: Identifier? = nil,
        kind: Kind,
        retention: DurationSyntax? = nil,
        grace: DurationSyntax? = nil,
        range: SourceRange = .none
    ) {
        self.name = name
        self.kind = kind
        self.retention = retention
        self.grace = grace
        self.range = range
    }
}

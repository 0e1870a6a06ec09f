import SluiceCore

/// An expression: a value computed from literals, columns and function calls.
///
/// `Expr` is a value type over an immutable, reference-counted node, so copies are cheap and a
/// `switch expr.kind` reads naturally. Every node has a ``range`` (where it was written) and a
/// ``depth`` (the height of its tree). Releasing, comparing (`==`), hashing and printing an `Expr`
/// use explicit stacks, not recursion, so even a tree built in code a million levels deep is safe;
/// the parser additionally refuses anything deeper than its depth limit, so trees it builds are
/// safe for any recursive walk a planner does.
public struct Expr: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// `42`, `'text'`, `NULL`, `TRUE`, `1.5`, `1.5E0`, `${value}`
        case literal(Literal)
        /// `TIMESTAMP '2024-01-01T00:00:00'`: a type name followed by a string (ksqlDB's
        /// `typeConstructor`).
        case typedLiteral(type: Identifier, value: String)
        /// `price`
        case column(Identifier)
        /// `orders.price`: a column qualified by its source name or alias.
        case qualifiedColumn(source: Identifier, column: Identifier)
        /// `-x`, `+x`. A minus directly before a number is part of the literal (`-5` is
        /// `.literal(.integer(-5))`), as in ksqlDB.
        case unary(UnaryOperator, Expr)
        /// `a + b`, `a - b`, `a * b`, `a / b`, `a % b`
        case arithmetic(ArithmeticOperator, Expr, Expr)
        /// `a || b`: string concatenation.
        case concat(Expr, Expr)
        /// `a = b`, `a <> b` (also written `!=`), `a < b`, `a <= b`, `a > b`, `a >= b`
        case comparison(ComparisonOperator, Expr, Expr)
        /// `a AND b AND ...`: a chain of two or more operands, so hundreds of them (generated
        /// queries) make a flat node rather than a deep tree.
        case and([Expr])
        /// `a OR b OR ...`, two or more operands.
        case or([Expr])
        /// `NOT a`: binds looser than comparisons, tighter than AND (`NOT a = b` is `NOT (a = b)`).
        case not(Expr)
        /// `x BETWEEN low AND high`, `x NOT BETWEEN low AND high` (bounds inclusive).
        case between(Expr, lower: Expr, upper: Expr, negated: Bool)
        /// `x IN (1, 2, 3)`, `x NOT IN (...)`
        case inList(Expr, [Expr], negated: Bool)
        /// `name LIKE 'a%'`, `name NOT LIKE 'a!%' ESCAPE '!'`
        case like(Expr, pattern: Expr, escape: String?, negated: Bool)
        /// `x IS NULL`, `x IS NOT NULL`
        case isNull(Expr, negated: Bool)
        /// `a IS DISTINCT FROM b`, `a IS NOT DISTINCT FROM b`: null-safe (in)equality.
        case isDistinctFrom(Expr, Expr, negated: Bool)
        /// `ts AT TIME ZONE 'Europe/Paris'`
        case atTimeZone(Expr, zone: String)
        /// `CASE x WHEN 1 THEN 'one' ELSE 'many' END`
        case simpleCase(operand: Expr, whens: [WhenClause], else: Expr?)
        /// `CASE WHEN x > 0 THEN 'positive' ELSE 'other' END`
        case searchedCase(whens: [WhenClause], else: Expr?)
        /// `CAST(x AS BIGINT)`
        case cast(Expr, TypeSyntax)
        /// `ARRAY[1, 2, 3]`
        case array([Expr])
        /// `MAP('a' := 1, 'b' := 2)`
        case map([MapEntry])
        /// `STRUCT(name := 'Ann', age := 30)`
        case structConstructor([StructEntry])
        /// `UPPER(name)`, `TRANSFORM(xs, x => x + 1)`, `TIMESTAMPADD(SECONDS, 5, ts)`
        case functionCall(name: Identifier, arguments: [Expr])
        /// `COUNT(*)`: ksqlDB treats it as the call with no arguments.
        case functionCallStar(name: Identifier)
        /// `x => x + 1`, `(k, v) => k || v`: only as a trailing function argument.
        case lambda(parameters: [Identifier], body: Expr)
        /// `DAYS` in `DATEADD(DAYS, 1, d)`: a time unit given as a function argument.
        case timeUnit(TimeUnit)
        /// `xs[1]` (1-based; negative counts from the end), `m['key']`
        case `subscript`(Expr, index: Expr)
        /// `address->city`: a struct field.
        case dereference(Expr, field: Identifier)
    }

    final class Node: @unchecked Sendable {
        // Mutated only by `deinit`, which dismantles deep trees without recursion.
        var kind: Kind
        let range: SourceRange
        let depth: Int

        init(kind: Kind, range: SourceRange) {
            var childDepth = 0
            kind.forEachChild { childDepth = max(childDepth, $0.node.depth) }
            self.kind = kind
            self.range = range
            self.depth = childDepth + 1
        }

        deinit {
            // Children of shallow nodes are released by ordinary (bounded) recursion.
            guard depth > 64 else { return }
            var pending: [Expr] = []
            kind.forEachChild { pending.append($0) }
            kind = .timeUnit(.days)
            while var next = pending.popLast() {
                if isKnownUniquelyReferenced(&next.node) {
                    next.node.kind.forEachChild { pending.append($0) }
                    next.node.kind = .timeUnit(.days)
                }
            }
        }
    }

    var node: Node

    public init(_ kind: Kind, range: SourceRange = .none) {
        node = Node(kind: kind, range: range)
    }

    /// What the expression is.
    public var kind: Kind { node.kind }
    /// Where the expression was written.
    public var range: SourceRange { node.range }
    /// The height of the expression tree: 1 for a literal or column, 2 for `a + b`, ...
    public var depth: Int { node.depth }

    /// The expression as canonical SQL.
    public var description: String { SQLPrinter.print(self) }
}

/// `WHEN condition THEN result` in a CASE expression.
public struct WhenClause: Hashable, Sendable {
    public var condition: Expr
    public var result: Expr
    @SyntaxRange public var range: SourceRange

    public init(condition: Expr, result: Expr, range: SourceRange = .none) {
        self.condition = condition
        self.result = result
        self.range = range
    }
}

/// `key := value` in `MAP(...)`.
public struct MapEntry: Hashable, Sendable {
    public var key: Expr
    public var value: Expr

    public init(key: Expr, value: Expr) {
        self.key = key
        self.value = value
    }
}

/// `name := value` in `STRUCT(...)`.
public struct StructEntry: Hashable, Sendable {
    public var name: Identifier
    public var value: Expr

    public init(name: Identifier, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// `-` and `+` before an operand.
public enum UnaryOperator: String, Hashable, Sendable {
    case minus = "-"
    case plus = "+"
}

// `ArithmeticOperator` and `ComparisonOperator` are SluiceCore's, shared with plans and type rules.

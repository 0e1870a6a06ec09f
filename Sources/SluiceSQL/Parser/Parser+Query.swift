import SluiceCore

extension Parser {
    /// Parses `query` (Grammar/sluice.ebnf): `SELECT select_item {',' select_item} FROM from_clause`
    /// followed by the optional clauses in their fixed order.
    mutating func parseQuery() throws(Diagnostic) -> SelectStatement {
        let start = Int(try expect(.select).sourceStart)
        var items = [try parseSelectItem()]
        while consume(.comma) != nil { items.append(try parseSelectItem()) }
        guard at(.from) else { throw expected("',' or FROM", found: current) }
        advance()
        let from = try parseFromClause()
        var query = SelectStatement(items: items, from: from)
        if at(.window) { query.window = try parseWindowClause() }
        if consume(.where) != nil { query.whereClause = try parseExpression() }
        if at(.group) {
            advance()
            try expect(.by)
            query.groupBy = try parseGroupingList()
        }
        if at(.partition), peek().isKeyword(.by) {
            advance()
            advance()
            query.partitionBy = try parseGroupingList()
        }
        if consume(.having) != nil { query.having = try parseExpression() }
        if consume(.emit) != nil {
            if consume(.changes) != nil {
                query.emit = .changes
            } else if consume(.final) != nil {
                query.emit = .final
            } else {
                throw expected("CHANGES or FINAL after EMIT", found: current)
            }
        }
        if consume(.limit) != nil {
            // ksqlDB's grammar takes an unsigned integer here: `LIMIT -1` is a syntax error.
            guard !at(.minus) else { throw expected("LIMIT count (an integer)", found: current) }
            query.limit = try parseInteger("LIMIT count (an integer)")
        }
        query.range = range(from: start)
        return query
    }

    /// Parses `select_item` (Grammar/sluice.ebnf): `*`, `source.*`, `expr->*` or
    /// `expression [[AS] alias]`.
    private mutating func parseSelectItem() throws(Diagnostic) -> SelectItem {
        let start = Int(current.sourceStart)
        if consume(.star) != nil { return SelectItem(.all, range: range(from: start)) }
        if current.canBeIdentifier, peek().kind == .dot, peek(2).kind == .star {
            let source = try parseIdentifier()
            advance()
            advance()
            return SelectItem(.allFrom(source), range: range(from: start))
        }
        let value = try parseExpression()
        if at(.arrow), peek().kind == .star {
            // `->*` applies to a primary expression only: `(a + b)->*` is fine, `a + b->*` is not.
            guard isPrimaryLevel(value, itemStart: start, endingAt: position) else {
                throw expected("',' or FROM", found: current)
            }
            advance()
            advance()
            return SelectItem(.structAll(value), range: range(from: start))
        }
        var alias: Identifier?
        if consume(.as) != nil {
            alias = try parseIdentifier("alias after AS")
        } else if current.canBeIdentifier {
            alias = try parseIdentifier()
        }
        return SelectItem(.expr(value, alias: alias), range: range(from: start))
    }

    /// Whether `expr`, which ends just before token `end`, is a primary expression: one whose
    /// top operator binds tightest, or an expression wrapped whole in parentheses (the select
    /// item starts at the '(' that the last token closes).
    private func isPrimaryLevel(_ expr: Expr, itemStart: Int, endingAt end: Int) -> Bool {
        if SQLPrinter.precedence(of: expr) == .primary { return true }
        guard end > 0, tokens[end - 1].kind == .rightParen else { return false }
        var depth = 0
        var index = end - 1
        while index >= 0 {
            switch tokens[index].kind {
            case .rightParen: depth += 1
            case .leftParen: depth -= 1
            default: break
            }
            if depth == 0 { return Int(tokens[index].sourceStart) == itemStart }
            index -= 1
        }
        return false
    }

    /// Parses `from_clause` (Grammar/sluice.ebnf): an aliased relation followed by joins.
    private mutating func parseFromClause() throws(Diagnostic) -> FromClause {
        let start = Int(current.sourceStart)
        let source = try parseAliasedRelation()
        var joins: [JoinClause] = []
        while true {
            let joinStart = Int(current.sourceStart)
            guard let type = try parseJoinType() else { break }
            let relation = try parseAliasedRelation()
            let within = at(.within) ? try parseJoinWindow() : nil
            guard at(.on) else { throw expected(within == nil ? "WITHIN or ON" : "ON", found: current) }
            advance()
            let condition = try parseExpression()
            joins.append(
                JoinClause(
                    type: type,
                    relation: relation,
                    within: within,
                    condition: condition,
                    range: range(from: joinStart)
                )
            )
        }
        return FromClause(source: source, joins: joins, range: range(from: start))
    }

    /// Parses `join_type` (Grammar/sluice.ebnf) up to and including JOIN, or returns nil when no
    /// join starts here.
    private mutating func parseJoinType() throws(Diagnostic) -> JoinType? {
        let type: JoinType
        switch current.keyword {
        case .join? where current.kind == .keyword: type = .inner
        case .inner?: advance(); type = .inner
        case .left?: advance(); _ = consume(.outer); type = .left
        case .right?: advance(); _ = consume(.outer); type = .right
        case .full?: advance(); _ = consume(.outer); type = .full
        default: return nil
        }
        try expect(.join)
        return type
    }

    /// Parses `aliased_relation` (Grammar/sluice.ebnf): `source_name [[AS] alias]`.
    private mutating func parseAliasedRelation() throws(Diagnostic) -> AliasedRelation {
        let start = Int(current.sourceStart)
        let name = try parseSourceName()
        var alias: Identifier?
        if consume(.as) != nil {
            alias = try parseIdentifier("alias after AS")
        } else if current.canBeIdentifier, !atClauseAfterRelation() {
            alias = try parseIdentifier()
        }
        return AliasedRelation(name: name, alias: alias, range: range(from: start))
    }

    // EMIT and PARTITION are non-reserved, so after a relation they may be an alias. They start a
    // clause only when followed by the clause's second word:
    //   SELECT * FROM clicks emit EMIT CHANGES       -- alias EMIT, then the EMIT clause
    //   SELECT * FROM clicks PARTITION BY page       -- no alias
    private func atClauseAfterRelation() -> Bool {
        if at(.emit) { return peek().isKeyword(.changes) || peek().isKeyword(.final) }
        if at(.partition) { return peek().isKeyword(.by) }
        return false
    }

    /// Parses `join_window` (Grammar/sluice.ebnf): `WITHIN (duration | '(' duration ',' duration ')')
    /// [GRACE PERIOD duration]`.
    private mutating func parseJoinWindow() throws(Diagnostic) -> JoinWindow {
        let start = Int(try expect(.within).sourceStart)
        var window: JoinWindow
        if consume(.leftParen) != nil {
            let before = try parseDuration("join window before")
            try expect(.comma, "',' between the before and after sizes")
            let after = try parseDuration("join window after")
            try expect(.rightParen, "')' to close WITHIN (...)")
            window = JoinWindow(before: before, after: after)
        } else {
            window = JoinWindow(before: try parseDuration("join window size"))
        }
        if at(.grace) {
            window.grace = try parseGracePeriod()
        }
        window.range = range(from: start)
        return window
    }

    /// Parses `grace_period` (Grammar/sluice.ebnf): `GRACE PERIOD duration`.
    mutating func parseGracePeriod() throws(Diagnostic) -> DurationSyntax {
        try expect(.grace)
        try expect(.period)
        return try parseDuration("grace period")
    }

    /// Parses `grouping_list` (Grammar/sluice.ebnf) of GROUP BY and PARTITION BY:
    /// `value_expression {',' value_expression}` or `'(' [value_expression {',' value_expression}] ')'`.
    private mutating func parseGroupingList() throws(Diagnostic) -> [Expr] {
        if at(.leftParen), parenthesizedListAhead() {
            advance()
            var list: [Expr] = []
            if !at(.rightParen) {
                list.append(try parseValueExpression())
                while consume(.comma) != nil { list.append(try parseValueExpression()) }
            }
            try expect(.rightParen, "',' or ')'")
            return list
        }
        var list = [try parseValueExpression()]
        while consume(.comma) != nil { list.append(try parseValueExpression()) }
        return list
    }

    /// Whether the '(' here opens a list (`()` or a comma at its top level) rather than one
    /// parenthesized expression.
    private func parenthesizedListAhead() -> Bool {
        var depth = 0
        var index = position
        while index < tokens.count {
            switch tokens[index].kind {
            case .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket:
                depth -= 1
                if depth == 0 { return index == position + 1 }
            case .comma where depth == 1: return true
            case .semicolon, .endOfInput: return false
            default: break
            }
            index += 1
        }
        return false
    }
}

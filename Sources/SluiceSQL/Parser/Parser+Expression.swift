import SluiceCore

// Operator precedence, loosest first, as ksqlDB's grammar nests its rules:
//
//   OR  <  AND  <  NOT  <  predicate (= <> < <= > >=, [NOT] BETWEEN, [NOT] IN, [NOT] LIKE, IS ...)
//       <  ||  <  + -  <  * / %  <  unary - +  <  AT TIME ZONE  <  postfix [i], ->field  <  primary
//
// A predicate applies once to two *value* expressions, so `a = b = c` and `a = NOT b` are errors,
// `NOT a = b` is `NOT (a = b)`, and `a || b + c` is `a || (b + c)`. Binary operators associate left.

extension Parser {
    /// Parses `expression` (Grammar/sluice.ebnf): a boolean expression, the loosest level.
    mutating func parseExpression() throws(Diagnostic) -> Expr {
        try enter()
        defer { leave() }
        let start = Int(current.sourceStart)
        var lhs = try parseConjunction()
        while consume(.or) != nil {
            let rhs = try parseConjunction()
            lhs = try node(.or(lhs, rhs), from: start)
        }
        return lhs
    }

    /// Parses `conjunction` (Grammar/sluice.ebnf): `negation (AND negation)*`.
    private mutating func parseConjunction() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        var lhs = try parseNegation()
        while consume(.and) != nil {
            let rhs = try parseNegation()
            lhs = try node(.and(lhs, rhs), from: start)
        }
        return lhs
    }

    /// Parses `negation` (Grammar/sluice.ebnf): `NOT negation | predicated`.
    private mutating func parseNegation() throws(Diagnostic) -> Expr {
        guard at(.not) else { return try parsePredicated() }
        let start = Int(advance().sourceStart)
        try enter()
        defer { leave() }
        let operand = try parseNegation()
        return try node(.not(operand), from: start)
    }

    /// Parses `predicated` (Grammar/sluice.ebnf): a value expression and at most one predicate.
    private mutating func parsePredicated() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        let value = try parseValueExpression()
        if let comparison = comparisonOperator(current.kind) {
            advance()
            let rhs = try parseValueExpression()
            return try node(.comparison(comparison, value, rhs), from: start)
        }
        var negated = false
        if at(.not), peek().isKeyword(.between) || peek().isKeyword(.in) || peek().isKeyword(.like) {
            advance()
            negated = true
        }
        switch current.keyword {
        case .between? where current.kind == .keyword:
            advance()
            let lower = try parseValueExpression()
            try expect(.and)
            let upper = try parseValueExpression()
            return try node(.between(value, lower: lower, upper: upper, negated: negated), from: start)
        case .in? where current.kind == .keyword:
            advance()
            try expect(.leftParen, "'(' to start the IN list")
            var list = [try parseExpression()]
            while consume(.comma) != nil { list.append(try parseExpression()) }
            try expect(.rightParen, "',' or ')' to close the IN list")
            return try node(.inList(value, list, negated: negated), from: start)
        case .like? where current.kind == .keyword:
            advance()
            let pattern = try parseValueExpression()
            var escape: String?
            if consume(.escape) != nil { escape = try parseString("escape character string") }
            return try node(.like(value, pattern: pattern, escape: escape, negated: negated), from: start)
        case .is? where current.kind == .keyword && !negated:
            advance()
            let isNegated = consume(.not) != nil
            if consume(.null) != nil { return try node(.isNull(value, negated: isNegated), from: start) }
            guard at(.distinct) else {
                throw expected(isNegated ? "NULL or DISTINCT" : "NOT, NULL or DISTINCT", found: current)
            }
            advance()
            try expect(.from)
            let rhs = try parseValueExpression()
            return try node(.isDistinctFrom(value, rhs, negated: isNegated), from: start)
        default:
            return value
        }
    }

    private func comparisonOperator(_ kind: TokenKind) -> ComparisonOperator? {
        switch kind {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        default: nil
        }
    }

    /// Parses `value_expression` (Grammar/sluice.ebnf) by precedence climbing over `||`, `+ -` and
    /// `* / %`, binding operators at least as tight as `minPrecedence` (1 is `||`).
    mutating func parseValueExpression(minPrecedence: Int = 1) throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        var lhs = try parseUnary()
        while let (precedence, makeKind) = binaryOperator(current.kind), precedence >= minPrecedence {
            advance()
            let rhs = try parseValueExpression(minPrecedence: precedence + 1)
            lhs = try node(makeKind(lhs, rhs), from: start)
        }
        return lhs
    }

    private func binaryOperator(_ kind: TokenKind) -> (Int, (Expr, Expr) -> Expr.Kind)? {
        switch kind {
        case .concat: (1, { .concat($0, $1) })
        case .plus: (2, { .arithmetic(.add, $0, $1) })
        case .minus: (2, { .arithmetic(.subtract, $0, $1) })
        case .star: (3, { .arithmetic(.multiply, $0, $1) })
        case .slash: (3, { .arithmetic(.divide, $0, $1) })
        case .percent: (3, { .arithmetic(.modulo, $0, $1) })
        default: nil
        }
    }

    /// Parses `unary_expression` (Grammar/sluice.ebnf): `('-' | '+') unary_expression` or an
    /// operand with its `AT TIME ZONE` suffixes. A minus right before a number makes a negative
    /// literal, as ksqlDB's `number` rule does.
    private mutating func parseUnary() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        var operand: Expr
        if at(.minus), peek().isNumber {
            advance()
            let literal = try numberLiteral(advance(), negative: true)
            operand = try parsePostfix(try node(.literal(literal), from: start), from: start)
        } else if at(.minus) || at(.plus) {
            let op: UnaryOperator = advance().kind == .minus ? .minus : .plus
            try enter()
            defer { leave() }
            let inner = try parseUnary()
            return try node(.unary(op, inner), from: start)
        } else {
            operand = try parsePrimary()
        }
        while consume(.at) != nil {
            try expect(.time)
            try expect(.zone)
            let zone = try parseString("time zone string")
            operand = try node(.atTimeZone(operand, zone: zone), from: start)
        }
        return operand
    }

    /// Parses the postfix part of `primary_expression` (Grammar/sluice.ebnf): subscripts `[i]` and
    /// struct fields `->name`. Stops before `->*`, which only a select item may use.
    mutating func parsePostfix(_ base: Expr, from start: Int) throws(Diagnostic) -> Expr {
        var result = base
        while true {
            if consume(.leftBracket) != nil {
                let index = try parseValueExpression()
                try expect(.rightBracket, "']' to close the subscript")
                result = try node(.subscript(result, index: index), from: start)
            } else if at(.arrow), peek().kind != .star {
                advance()
                let field = try parseIdentifier("struct field name")
                result = try node(.dereference(result, field: field), from: start)
            } else {
                return result
            }
        }
    }
}

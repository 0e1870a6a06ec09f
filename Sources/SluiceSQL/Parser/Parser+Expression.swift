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
        let first = try parseConjunction()
        guard at(.or) else { return first }
        // One node for the whole chain (built once: adding to it step by step would copy it each time).
        var operands = if case .or(let inner) = first.kind { inner } else { [first] }
        while consume(.or) != nil { operands.append(try parseConjunction()) }
        return try node(.or(operands), from: start)
    }

    /// Parses `conjunction` (Grammar/sluice.ebnf): `negation (AND negation)*`.
    private mutating func parseConjunction() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        let first = try parseNegation()
        guard at(.and) else { return first }
        var operands = if case .and(let inner) = first.kind { inner } else { [first] }
        while consume(.and) != nil { operands.append(try parseNegation()) }
        return try node(.and(operands), from: start)
    }

    /// Parses `negation` (Grammar/sluice.ebnf): `NOT negation | predicated`.
    private mutating func parseNegation() throws(Diagnostic) -> Expr {
        guard at(.not) else { return try parsePredicated() }
        let start = Int(advance().sourceStart)
        try enter()
        defer { leave() }
        let operand = try parseNegation()
        return try negation(operand, from: start)
    }

    /// Builds `NOT operand` (out of line: see `parsePredicate`).
    @inline(never)
    private func negation(_ operand: Expr, from start: Int) throws(Diagnostic) -> Expr {
        try node(.not(operand), from: start)
    }

    /// Parses `predicated` (Grammar/sluice.ebnf): a value expression and at most one predicate.
    private mutating func parsePredicated() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        let value = try parseValueExpression()
        guard atPredicate() else { return value }
        return try parsePredicate(after: value, from: start)
    }

    /// Whether a predicate starts at the current token.
    private func atPredicate() -> Bool {
        let token = current
        if comparisonOperator(token.kind) != nil { return true }
        guard token.kind == .keyword, let keyword = token.keyword else { return false }
        switch keyword {
        case .between, .in, .like, .is: return true
        case .not: return peek().isKeyword(.between) || peek().isKeyword(.in) || peek().isKeyword(.like)
        default: return false
        }
    }

    /// Parses `predicate` (Grammar/sluice.ebnf) after its left operand.
    // Out of line, like the other leaf work below: the frames on the recursive path (parentheses
    // nest through every level) stay small, so the depth limit is reached long before the stack.
    @inline(never)
    private mutating func parsePredicate(after value: Expr, from start: Int) throws(Diagnostic) -> Expr {
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
        while let precedence = binaryPrecedence(current.kind), precedence >= minPrecedence {
            let op = advance().kind
            let rhs = try parseValueExpression(minPrecedence: precedence + 1)
            lhs = try binary(op, lhs, rhs, from: start)
        }
        return lhs
    }

    private func binaryPrecedence(_ kind: TokenKind) -> Int? {
        switch kind {
        case .concat: 1
        case .plus, .minus: 2
        case .star, .slash, .percent: 3
        default: nil
        }
    }

    @inline(never)
    private func binary(_ op: TokenKind, _ lhs: Expr, _ rhs: Expr, from start: Int) throws(Diagnostic) -> Expr {
        switch op {
        case .concat: try node(.concat(lhs, rhs), from: start)
        case .plus: try node(.arithmetic(.add, lhs, rhs), from: start)
        case .minus: try node(.arithmetic(.subtract, lhs, rhs), from: start)
        case .star: try node(.arithmetic(.multiply, lhs, rhs), from: start)
        case .slash: try node(.arithmetic(.divide, lhs, rhs), from: start)
        default: try node(.arithmetic(.modulo, lhs, rhs), from: start)
        }
    }

    /// Parses `unary_expression` (Grammar/sluice.ebnf): `('-' | '+') unary_expression` or an
    /// operand with its `AT TIME ZONE` suffixes. A minus right before a number makes a negative
    /// literal, as ksqlDB's `number` rule does.
    private mutating func parseUnary() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        let operand: Expr
        if at(.minus) || at(.plus) {
            if at(.minus), peek().isNumber {
                operand = try parseNegativeNumber()
            } else {
                return try parseUnaryOperator()
            }
        } else {
            operand = try parsePrimary()
        }
        return at(.at) ? try parseAtTimeZone(operand, from: start) : operand
    }

    /// `-` or `+` and its operand.
    @inline(never)
    private mutating func parseUnaryOperator() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        let op: UnaryOperator = advance().kind == .minus ? .minus : .plus
        try enter()
        defer { leave() }
        let inner = try parseUnary()
        return try node(.unary(op, inner), from: start)
    }

    /// `-5`, `-1.5`: a negative literal, with any subscripts and fields after it.
    @inline(never)
    private mutating func parseNegativeNumber() throws(Diagnostic) -> Expr {
        let start = Int(advance().sourceStart)
        let literal = try numberLiteral(advance(), negative: true)
        return try parsePostfix(try node(.literal(literal), from: start), from: start)
    }

    /// `operand AT TIME ZONE 'zone' ...`
    @inline(never)
    private mutating func parseAtTimeZone(_ operand: Expr, from start: Int) throws(Diagnostic) -> Expr {
        var result = operand
        while consume(.at) != nil {
            try expect(.time)
            try expect(.zone)
            let zone = try parseString("time zone string")
            result = try node(.atTimeZone(result, zone: zone), from: start)
        }
        return result
    }

    /// Parses the postfix part of `primary_expression` (Grammar/sluice.ebnf): subscripts `[i]` and
    /// struct fields `->name`. Stops before `->*`, which only a select item may use.
    @inline(never)
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

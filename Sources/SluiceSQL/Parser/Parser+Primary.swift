import SluiceCore

extension Parser {
    /// Parses `primary_expression` (Grammar/sluice.ebnf): a literal, column, call, constructor,
    /// CASE, CAST or parenthesized expression, followed by any subscripts and `->field`s.
    mutating func parsePrimary() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        let base: Expr
        switch current.kind {
        case .leftParen: base = try parseParenthesized()
        // Names go straight to their parser: function calls nest through here.
        case .identifier, .quotedIdentifier, .backquotedIdentifier, .digitIdentifier: base = try parseNameExpression()
        default: base = try parsePrimaryBase()
        }
        return at(.leftBracket) || at(.arrow) ? try parsePostfix(base, from: start) : base
    }

    /// `'(' expression ')'`
    private mutating func parseParenthesized() throws(Diagnostic) -> Expr {
        advance()
        let inner = try parseExpression()
        try expect(.rightParen, "')'")
        return inner
    }

    /// Parses `primary_base` (Grammar/sluice.ebnf) other than a parenthesized expression.
    @inline(never)
    private mutating func parsePrimaryBase() throws(Diagnostic) -> Expr {
        let token = current
        switch token.kind {
        case .integer, .decimal, .double, .string, .variable:
            return try parseLiteralExpression()
        case .keyword:
            switch token.keyword {
            case .null?, .true?, .false?: return try parseLiteralExpression()
            case .case?: return try parseCase()
            case .cast?: return try parseCast()
            case .array? where peek().kind == .leftBracket: return try parseArrayConstructor()
            case .map? where peek().kind == .leftParen: return try parseMapConstructorOrCall()
            case .struct? where peek().kind == .leftParen: return try parseStructConstructorOrCall()
            default: break
            }
        default:
            break
        }
        guard token.canBeIdentifier else { throw expected("expression", found: token) }
        return try parseNameExpression()
    }

    /// A number, string, `${variable}`, NULL, TRUE or FALSE.
    @inline(never)
    private mutating func parseLiteralExpression() throws(Diagnostic) -> Expr {
        let token = advance()
        let start = Int(token.sourceStart)
        let literal: Literal
        switch token.kind {
        case .integer, .decimal, .double: literal = try numberLiteral(token, negative: false)
        case .string: literal = .string(unquoted(token))
        case .variable: literal = .variable(variableName(token))
        default:
            switch token.keyword {
            case .true?: literal = .boolean(true)
            case .false?: literal = .boolean(false)
            default: literal = .null
            }
        }
        return try node(.literal(literal), from: start)
    }

    /// Parses the alternatives of `primary_base` (Grammar/sluice.ebnf) that start with a name: a
    /// call `f(...)`, a typed literal `TIMESTAMP '...'`, a qualified column `s.c` or a column `c`.
    @inline(never)
    private mutating func parseNameExpression() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        let name = try parseIdentifier()
        if at(.leftParen) { return try parseFunctionCall(name: name, from: start) }
        return try parseNameWithoutCall(name, from: start)
    }

    /// A typed literal, qualified column or column, after its first name.
    @inline(never)
    private mutating func parseNameWithoutCall(_ name: Identifier, from start: Int) throws(Diagnostic) -> Expr {
        switch current.kind {
        case .string where !name.isVariableReference:
            let value = unquoted(advance())
            return try node(.typedLiteral(type: name, value: value), from: start)
        case .dot:
            advance()
            let column = try parseIdentifier("column name after '.'")
            return try node(.qualifiedColumn(source: name, column: column), from: start)
        default:
            return try node(.column(name), from: start)
        }
    }

    /// Parses `function_call` (Grammar/sluice.ebnf) after its name.
    @inline(never)
    private mutating func parseFunctionCall(name: Identifier, from start: Int) throws(Diagnostic) -> Expr {
        try expect(.leftParen, "'('")
        if at(.star) { return try parseStarCall(name: name, from: start) }
        var arguments: [Expr] = []
        if !at(.rightParen) {
            arguments.append(try parseFunctionArgument())
            try parseRemainingArguments(into: &arguments)
        }
        try expect(.rightParen, "',' or ')' to close the argument list of \(name.value)")
        return try callNode(name, arguments, from: start)
    }

    /// `*)` of `COUNT(*)`.
    @inline(never)
    private mutating func parseStarCall(name: Identifier, from start: Int) throws(Diagnostic) -> Expr {
        advance()
        try expect(.rightParen, "')' after '*'")
        return try node(.functionCallStar(name: name), from: start)
    }

    @inline(never)
    private func callNode(_ name: Identifier, _ arguments: [Expr], from start: Int) throws(Diagnostic) -> Expr {
        try node(.functionCall(name: name, arguments: arguments), from: start)
    }

    /// Parses the rest of a `function_call` (Grammar/sluice.ebnf) argument list: once a lambda
    /// appears, only lambdas follow.
    @inline(never)
    private mutating func parseRemainingArguments(into arguments: inout [Expr]) throws(Diagnostic) {
        var sawLambda = false
        while consume(.comma) != nil {
            if atLambda() {
                arguments.append(try parseLambda())
                sawLambda = true
            } else if sawLambda {
                throw expected("lambda (x => ...) after a lambda argument", found: current)
            } else {
                arguments.append(try parseFunctionArgument())
            }
        }
    }

    /// Parses `function_argument` (Grammar/sluice.ebnf): an expression, or a reserved time-unit
    /// keyword (`DATEADD(DAYS, 1, d)`). The singular DAY, HOUR, MINUTE and SECOND are non-reserved,
    /// so there they are column names, as in ksqlDB.
    @inline(never)
    private mutating func parseFunctionArgument() throws(Diagnostic) -> Expr {
        let token = current
        if token.kind == .keyword, let keyword = token.keyword, keyword.isReserved,
            let unit = TimeUnit(keyword: keyword)
        {
            advance()
            return try node(.timeUnit(unit), from: Int(token.sourceStart))
        }
        return try parseExpression()
    }

    /// Whether a lambda starts here: `x =>` or `(x, y) =>`.
    private func atLambda() -> Bool {
        if current.canBeIdentifier { return peek().kind == .lambdaArrow }
        guard at(.leftParen) else { return false }
        var offset = 1
        while true {
            guard peek(offset).canBeIdentifier else { return false }
            let next = peek(offset + 1).kind
            if next == .rightParen { return peek(offset + 2).kind == .lambdaArrow }
            guard next == .comma else { return false }
            offset += 2
        }
    }

    /// Parses `lambda` (Grammar/sluice.ebnf): `identifier '=>' expression` or
    /// `'(' identifier {',' identifier} ')' '=>' expression`.
    @inline(never)
    private mutating func parseLambda() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        let parameters = try parseLambdaParameters()
        let body = try parseExpression()
        return try node(.lambda(parameters: parameters, body: body), from: start)
    }

    /// `x =>` or `(x, y) =>`
    @inline(never)
    private mutating func parseLambdaParameters() throws(Diagnostic) -> [Identifier] {
        var parameters: [Identifier]
        if consume(.leftParen) != nil {
            parameters = [try parseIdentifier("lambda parameter")]
            while consume(.comma) != nil { parameters.append(try parseIdentifier("lambda parameter")) }
            try expect(.rightParen, "')'")
        } else {
            parameters = [try parseIdentifier("lambda parameter")]
        }
        try expect(.lambdaArrow, "'=>'")
        return parameters
    }

    /// Parses `case_expression` (Grammar/sluice.ebnf): simple (`CASE x WHEN 1 THEN ...`) or
    /// searched (`CASE WHEN x > 1 THEN ...`), with an optional ELSE, ending in END.
    @inline(never)
    private mutating func parseCase() throws(Diagnostic) -> Expr {
        let start = Int(advance().sourceStart)
        let operand: Expr? = at(.when) ? nil : try parseValueExpression()
        var whens: [WhenClause] = []
        while at(.when) { whens.append(try parseWhenClause()) }
        if whens.isEmpty { throw expected("WHEN", found: current) }
        let otherwise: Expr? = consume(.else) != nil ? try parseExpression() : nil
        guard at(.end) else { throw expected(otherwise == nil ? "WHEN, ELSE or END" : "END", found: current) }
        advance()
        return try caseNode(operand, whens, otherwise, from: start)
    }

    /// `WHEN condition THEN result`
    @inline(never)
    private mutating func parseWhenClause() throws(Diagnostic) -> WhenClause {
        let start = Int(advance().sourceStart)
        let condition = try parseExpression()
        try expect(.then)
        let result = try parseExpression()
        return WhenClause(condition: condition, result: result, range: range(from: start))
    }

    @inline(never)
    private func caseNode(_ operand: Expr?, _ whens: [WhenClause], _ otherwise: Expr?, from start: Int) throws(Diagnostic)
        -> Expr
    {
        if let operand { return try node(.simpleCase(operand: operand, whens: whens, else: otherwise), from: start) }
        return try node(.searchedCase(whens: whens, else: otherwise), from: start)
    }

    /// Parses `cast_expression` (Grammar/sluice.ebnf): `CAST '(' expression AS type ')'`.
    @inline(never)
    private mutating func parseCast() throws(Diagnostic) -> Expr {
        let start = Int(advance().sourceStart)
        try expect(.leftParen, "'(' after CAST")
        let value = try parseExpression()
        try expect(.as)
        let type = try parseType()
        try expect(.rightParen, "')' to close CAST")
        return try node(.cast(value, type), from: start)
    }

    /// Parses `array_constructor` (Grammar/sluice.ebnf): `ARRAY '[' [expression {',' expression}] ']'`.
    @inline(never)
    private mutating func parseArrayConstructor() throws(Diagnostic) -> Expr {
        let start = Int(advance().sourceStart)
        try expect(.leftBracket, "'['")
        var elements: [Expr] = []
        if !at(.rightBracket) {
            elements.append(try parseExpression())
            while consume(.comma) != nil { elements.append(try parseExpression()) }
        }
        try expect(.rightBracket, "',' or ']' to close ARRAY[...]")
        return try node(.array(elements), from: start)
    }

    /// Parses `map_constructor` (Grammar/sluice.ebnf): `MAP '(' [expression ':=' expression {',' ...}] ')'`.
    /// Without `:=` after the first argument it is a call of a function named MAP.
    @inline(never)
    private mutating func parseMapConstructorOrCall() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        let name = identifier(from: advance())
        try expect(.leftParen, "'('")
        var entries: [MapEntry] = []
        if !at(.rightParen) {
            let first = try parseFunctionArgument()
            guard consume(.assign) != nil else {
                var arguments = [first]
                try parseRemainingArguments(into: &arguments)
                try expect(.rightParen, "',' or ')' to close the argument list of MAP")
                return try node(.functionCall(name: name, arguments: arguments), from: start)
            }
            entries.append(MapEntry(key: first, value: try parseExpression()))
            while consume(.comma) != nil {
                let key = try parseExpression()
                try expect(.assign, "':=' between map key and value")
                entries.append(MapEntry(key: key, value: try parseExpression()))
            }
        }
        try expect(.rightParen, "',' or ')' to close MAP(...)")
        return try node(.map(entries), from: start)
    }

    /// Parses `struct_constructor` (Grammar/sluice.ebnf): `STRUCT '(' [identifier ':=' expression {',' ...}] ')'`.
    /// Without `name :=` first it is a call of a function named STRUCT.
    @inline(never)
    private mutating func parseStructConstructorOrCall() throws(Diagnostic) -> Expr {
        let start = Int(current.sourceStart)
        let isConstructor = peek(2).kind == .rightParen || (peek(2).canBeIdentifier && peek(3).kind == .assign)
        let name = identifier(from: advance())
        if !isConstructor { return try parseFunctionCall(name: name, from: start) }
        try expect(.leftParen, "'('")
        var entries: [StructEntry] = []
        if !at(.rightParen) {
            repeat {
                let field = try parseIdentifier("struct field name")
                try expect(.assign, "':=' after the struct field name")
                entries.append(StructEntry(name: field, value: try parseExpression()))
            } while consume(.comma) != nil
        }
        try expect(.rightParen, "',' or ')' to close STRUCT(...)")
        return try node(.structConstructor(entries), from: start)
    }
}

import SluiceCore

extension Parser {
    /// Parses `statement` (Grammar/sluice.ebnf), choosing the production by its first keyword.
    mutating func parseStatement() throws(Diagnostic) -> Statement {
        let token = current
        guard token.kind == .keyword, let keyword = token.keyword else { throw expected("statement", found: token) }
        switch keyword {
        case .select, .show, .list, .describe, .explain, .print, .terminate, .pause, .resume:
            return try parseQueryOrAdminStatement(keyword)
        case .create: return try parseCreate()
        case .insert: return try parseInsert()
        case .set, .unset, .alter, .define, .undefine: return try parsePropertyOrAlterStatement(keyword)
        case .drop: return try parseDrop()
        case .assert: return try parseAssert()
        case .run where options.allowsTestStatements: return .runScript(try parseRunScript())
        default: throw expected("statement", found: token)
        }
    }

    // The builders below are out of line so that `parseStatement`, which EXPLAIN re-enters,
    // holds no statement payloads in its own stack frame.
    @inline(never)
    private mutating func parseQueryOrAdminStatement(_ keyword: Keyword) throws(Diagnostic) -> Statement {
        let start = Int(current.sourceStart)
        switch keyword {
        case .select: return .select(try parseQuery())
        case .describe: return .describe(try parseDescribe())
        case .explain: return .explain(try parseExplain())
        case .print: return .print(try parsePrint())
        case .terminate: return .terminate(TerminateStatement(try parseQueryTarget(), range: range(from: start)))
        case .pause: return .pause(PauseStatement(try parseQueryTarget(), range: range(from: start)))
        case .resume: return .resume(ResumeStatement(try parseQueryTarget(), range: range(from: start)))
        default: return .list(try parseList())
        }
    }

    @inline(never)
    private mutating func parsePropertyOrAlterStatement(_ keyword: Keyword) throws(Diagnostic) -> Statement {
        switch keyword {
        case .set: return .setProperty(try parseSetProperty())
        case .unset: return .unsetProperty(try parseUnsetProperty())
        case .alter where peek().isKeyword(.system): return .alterSystem(try parseAlterSystem())
        case .alter: return .alterSource(try parseAlterSource())
        case .define: return .defineVariable(try parseDefineVariable())
        default: return .undefineVariable(try parseUndefineVariable())
        }
    }

    /// Whether a statement could start at the current token (for `EXPLAIN <statement>` versus
    /// `EXPLAIN query_id`). A non-reserved keyword starts one only if more tokens follow it.
    func atStatementStart() -> Bool {
        guard current.kind == .keyword, let keyword = current.keyword else { return false }
        switch keyword {
        case .select, .create, .insert, .list, .describe, .print, .terminate, .unset, .drop, .run:
            return true
        case .show, .explain, .set, .alter, .define, .undefine, .assert, .pause, .resume:
            let next = peek().kind
            return next != .semicolon && next != .endOfInput
        default:
            return false
        }
    }

    /// Parses `create_statement` (Grammar/sluice.ebnf): CREATE STREAM/TABLE (with columns or
    /// AS SELECT), CREATE TYPE, or CREATE SOURCE/SINK CONNECTOR.
    @inline(never)
    private mutating func parseCreate() throws(Diagnostic) -> Statement {
        let start = Int(advance().sourceStart)
        var orReplace = false
        if consume(.or) != nil {
            try expect(.replace)
            orReplace = true
        }
        if !orReplace, at(.source) || at(.sink), peek().isKeyword(.connector) {
            return .createConnector(try parseCreateConnector(from: start))
        }
        if !orReplace, at(.type) { return .createType(try parseCreateType(from: start)) }
        let isReadOnly = consume(.source) != nil
        let kind: SourceKind
        if consume(.stream) != nil {
            kind = .stream
        } else if consume(.table) != nil {
            kind = .table
        } else {
            throw expected(
                orReplace || isReadOnly ? "STREAM or TABLE" : "STREAM, TABLE, TYPE or CONNECTOR",
                found: current
            )
        }
        let ifNotExists = try parseIfNotExists()
        let name = try parseSourceName()
        let elements = at(.leftParen) ? try parseTableElements() : []
        let properties = try parseOptionalWithProperties()
        if !isReadOnly, elements.isEmpty, consume(.as) != nil {
            let query = try parseQuery()
            return .createAsSelect(
                CreateAsSelectStatement(
                    kind: kind,
                    orReplace: orReplace,
                    ifNotExists: ifNotExists,
                    name: name,
                    properties: properties,
                    query: query,
                    range: range(from: start)
                )
            )
        }
        return .createSource(
            CreateSourceStatement(
                kind: kind,
                orReplace: orReplace,
                isReadOnly: isReadOnly,
                ifNotExists: ifNotExists,
                name: name,
                elements: elements,
                properties: properties,
                range: range(from: start)
            )
        )
    }

    /// Parses `create_type` (Grammar/sluice.ebnf): `CREATE TYPE [IF NOT EXISTS] name AS type`.
    private mutating func parseCreateType(from start: Int) throws(Diagnostic) -> CreateTypeStatement {
        try expect(.type)
        let ifNotExists = try parseIfNotExists()
        let name = try parseIdentifier("type name")
        try expect(.as)
        let type = try parseType()
        return CreateTypeStatement(ifNotExists: ifNotExists, name: name, type: type, range: range(from: start))
    }

    /// Parses `create_connector` (Grammar/sluice.ebnf):
    /// `CREATE (SOURCE | SINK) CONNECTOR [IF NOT EXISTS] name WITH (...)`.
    private mutating func parseCreateConnector(from start: Int) throws(Diagnostic) -> CreateConnectorStatement {
        let type: CreateConnectorStatement.ConnectorType = advance().isKeyword(.source) ? .source : .sink
        try expect(.connector)
        let ifNotExists = try parseIfNotExists()
        let name = try parseIdentifier("connector name")
        guard at(.with) else { throw expected("WITH (...) connector properties", found: current) }
        let properties = try parseWithProperties()
        return CreateConnectorStatement(
            type: type,
            ifNotExists: ifNotExists,
            name: name,
            properties: properties,
            range: range(from: start)
        )
    }

    /// Parses `table_elements` (Grammar/sluice.ebnf): `'(' column_definition {',' column_definition} ')'`.
    mutating func parseTableElements() throws(Diagnostic) -> [ColumnDefinition] {
        try expect(.leftParen, "'('")
        var elements = [try parseColumnDefinition()]
        while consume(.comma) != nil { elements.append(try parseColumnDefinition()) }
        try expect(.rightParen, "',' or ')' to close the column list")
        return elements
    }

    /// Parses `column_definition` (Grammar/sluice.ebnf): `identifier type [column_constraint]`.
    private mutating func parseColumnDefinition() throws(Diagnostic) -> ColumnDefinition {
        let start = Int(current.sourceStart)
        let name = try parseIdentifier("column name")
        let type = try parseType()
        var constraint: ColumnConstraint?
        if consume(.primary) != nil {
            try expect(.key)
            constraint = .primaryKey
        } else if consume(.key) != nil {
            constraint = .key
        } else if consume(.headers) != nil {
            constraint = .headers
        } else if consume(.header) != nil {
            try expect(.leftParen, "'(' after HEADER")
            constraint = .header(try parseString("header key string"))
            try expect(.rightParen, "')' to close HEADER(...)")
        }
        return ColumnDefinition(name: name, type: type, constraint: constraint, range: range(from: start))
    }

    /// Parses `with_properties` (Grammar/sluice.ebnf) when present; the result is empty (at the
    /// current position) when absent.
    mutating func parseOptionalWithProperties() throws(Diagnostic) -> WithProperties {
        at(.with) ? try parseWithProperties() : WithProperties(range: SourceRange(at: Int(current.sourceStart)))
    }

    /// Parses `with_properties` (Grammar/sluice.ebnf): `WITH '(' property {',' property} ')'`, where
    /// a property is `(identifier | string) '=' literal`.
    mutating func parseWithProperties() throws(Diagnostic) -> WithProperties {
        let start = Int(try expect(.with).sourceStart)
        try expect(.leftParen, "'(' after WITH")
        var entries: [WithProperty] = []
        repeat {
            let propertyStart = Int(current.sourceStart)
            let name: String
            let nameIsString = (current.kind == .string)
            if nameIsString {
                name = unquoted(advance())
            } else {
                guard current.canBeIdentifier else { throw expected("property name", found: current) }
                name = try parseIdentifier().value
            }
            try expect(.equal, "'=' after the property name")
            let value = try parseLiteral("property value (a string, number, boolean or NULL)")
            entries.append(
                WithProperty(name: name, nameIsString: nameIsString, value: value, range: range(from: propertyStart))
            )
        } while consume(.comma) != nil
        try expect(.rightParen, "',' or ')' to close WITH (...)")
        return WithProperties(entries, range: range(from: start))
    }

    /// Parses `insert_statement` (Grammar/sluice.ebnf): `INSERT INTO name [WITH (...)] query` or
    /// `INSERT INTO name [column_list] VALUES values`.
    @inline(never)
    private mutating func parseInsert() throws(Diagnostic) -> Statement {
        let start = Int(advance().sourceStart)
        try expect(.into)
        let target = try parseSourceName()
        if at(.with) || at(.select) {
            let properties = try parseOptionalWithProperties()
            let query = try parseQuery()
            return .insertInto(
                InsertIntoStatement(target: target, properties: properties, query: query, range: range(from: start))
            )
        }
        let columns = at(.leftParen) ? try parseColumnList() : []
        guard at(.values) else {
            throw expected(columns.isEmpty ? "SELECT, WITH, VALUES or '('" : "VALUES", found: current)
        }
        advance()
        let values = try parseValues()
        return .insertValues(
            InsertValuesStatement(target: target, columns: columns, values: values, range: range(from: start))
        )
    }

    /// Parses `values` (Grammar/sluice.ebnf): `'(' [value_expression {',' value_expression}] ')'`.
    mutating func parseValues() throws(Diagnostic) -> [Expr] {
        try expect(.leftParen, "'(' to start the values")
        var values: [Expr] = []
        if !at(.rightParen) {
            values.append(try parseValueExpression())
            while consume(.comma) != nil { values.append(try parseValueExpression()) }
        }
        try expect(.rightParen, "',' or ')' to close the values")
        return values
    }

    /// Parses `drop_statement` (Grammar/sluice.ebnf): DROP STREAM/TABLE, DROP CONNECTOR, DROP TYPE.
    @inline(never)
    private mutating func parseDrop() throws(Diagnostic) -> Statement {
        let start = Int(advance().sourceStart)
        if consume(.connector) != nil {
            let ifExists = parseIfExists()
            let name = try parseIdentifier("connector name")
            return .dropConnector(DropConnectorStatement(ifExists: ifExists, name: name, range: range(from: start)))
        }
        if consume(.type) != nil {
            let ifExists = parseIfExists()
            let name = try parseIdentifier("type name")
            return .dropType(DropTypeStatement(ifExists: ifExists, name: name, range: range(from: start)))
        }
        let kind: SourceKind
        if consume(.stream) != nil {
            kind = .stream
        } else if consume(.table) != nil {
            kind = .table
        } else {
            throw expected("STREAM, TABLE, CONNECTOR or TYPE", found: current)
        }
        let ifExists = parseIfExists()
        let name = try parseSourceName()
        var deleteTopic = false
        if consume(.delete) != nil {
            try expect(.topic)
            deleteTopic = true
        }
        return .dropSource(
            DropSourceStatement(
                kind: kind,
                ifExists: ifExists,
                name: name,
                deleteTopic: deleteTopic,
                range: range(from: start)
            )
        )
    }

    /// Parses `alter_source` (Grammar/sluice.ebnf): `ALTER (STREAM | TABLE) name ADD [COLUMN]
    /// identifier type {',' ADD [COLUMN] identifier type}`.
    private mutating func parseAlterSource() throws(Diagnostic) -> AlterSourceStatement {
        let start = Int(advance().sourceStart)
        let kind: SourceKind
        if consume(.stream) != nil {
            kind = .stream
        } else if consume(.table) != nil {
            kind = .table
        } else {
            throw expected("STREAM, TABLE or SYSTEM", found: current)
        }
        let name = try parseSourceName()
        var columns: [ColumnDefinition] = []
        repeat {
            let columnStart = Int(try expect(.add).sourceStart)
            // COLUMN is optional and non-reserved: in `ADD column INT` it is the column's name.
            if at(.column), peek().canBeIdentifier {
                switch peek(2).kind {
                case .comma, .semicolon, .endOfInput, .less, .leftParen: break
                default: advance()
                }
            }
            let column = try parseIdentifier("column name")
            let type = try parseType()
            columns.append(ColumnDefinition(name: column, type: type, range: range(from: columnStart)))
        } while consume(.comma) != nil
        return AlterSourceStatement(kind: kind, name: name, addedColumns: columns, range: range(from: start))
    }
}

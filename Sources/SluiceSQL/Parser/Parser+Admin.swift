import SluiceCore

extension Parser {
    /// Parses `list_statement` (Grammar/sluice.ebnf): `(SHOW | LIST)` followed by what to list.
    mutating func parseList() throws(Diagnostic) -> ListStatement {
        let start = Int(advance().sourceStart)
        let token = current
        let target: ListStatement.Target
        switch token.kind == .keyword ? token.keyword : nil {
        case .properties?:
            advance()
            target = .properties
        case .all?, .topics?:
            let all = consume(.all) != nil
            try expect(.topics)
            target = .topics(all: all, extended: consume(.extended) != nil)
        case .streams?:
            advance()
            target = .streams(extended: consume(.extended) != nil)
        case .tables?:
            advance()
            target = .tables(extended: consume(.extended) != nil)
        case .functions?:
            advance()
            target = .functions
        case .source?, .sink?:
            advance()
            try expect(.connectors)
            target = .connectors(token.keyword == .source ? .source : .sink)
        case .connectors?:
            advance()
            target = .connectors(nil)
        case .connector?:
            advance()
            try expect(.plugins)
            target = .connectorPlugins
        case .types?:
            advance()
            target = .types
        case .variables?:
            advance()
            target = .variables
        case .queries?:
            advance()
            target = .queries(extended: consume(.extended) != nil)
        default:
            throw expected(
                "STREAMS, TABLES, TOPICS, QUERIES, PROPERTIES, FUNCTIONS, TYPES, VARIABLES or CONNECTORS",
                found: token
            )
        }
        return ListStatement(target, range: range(from: start))
    }

    /// Parses `describe_statement` (Grammar/sluice.ebnf): `DESCRIBE (STREAMS [EXTENDED] |
    /// FUNCTION identifier | CONNECTOR identifier | source_name [EXTENDED])`.
    mutating func parseDescribe() throws(Diagnostic) -> DescribeStatement {
        let start = Int(advance().sourceStart)
        let target: DescribeStatement.Target
        if consume(.streams) != nil {
            target = .streams(extended: consume(.extended) != nil)
        } else if at(.function), peek().canBeIdentifier {
            advance()
            target = .function(try parseIdentifier("function name"))
        } else if consume(.connector) != nil {
            target = .connector(try parseIdentifier("connector name"))
        } else {
            let name = try parseSourceName()
            target = .source(name, extended: consume(.extended) != nil)
        }
        return DescribeStatement(target, range: range(from: start))
    }

    /// Parses `explain_statement` (Grammar/sluice.ebnf): `EXPLAIN (statement | identifier)`.
    mutating func parseExplain() throws(Diagnostic) -> ExplainStatement {
        let start = Int(advance().sourceStart)
        if atStatementStart() {
            try enter()
            defer { leave() }
            let statement = try parseStatement()
            return ExplainStatement(.statement(statement), range: range(from: start))
        }
        let query = try parseIdentifier("statement or query id")
        return ExplainStatement(.query(query), range: range(from: start))
    }

    /// Parses `print_statement` (Grammar/sluice.ebnf):
    /// `PRINT resource_name [FROM BEGINNING] [(INTERVAL | SAMPLE) number] [LIMIT number]`.
    mutating func parsePrint() throws(Diagnostic) -> PrintStatement {
        let start = Int(advance().sourceStart)
        var statement = PrintStatement(topic: try parseResourceName("topic name"))
        if consume(.from) != nil {
            try expect(.beginning)
            statement.fromBeginning = true
        }
        if consume(.interval) != nil || consume(.sample) != nil {
            statement.interval = try parseInteger("INTERVAL count (an integer)")
        }
        if consume(.limit) != nil { statement.limit = try parseInteger("LIMIT count (an integer)") }
        statement.range = range(from: start)
        return statement
    }

    /// Parses `query_target` (Grammar/sluice.ebnf) after TERMINATE, PAUSE or RESUME: `ALL | identifier`.
    mutating func parseQueryTarget() throws(Diagnostic) -> QueryTarget {
        advance()
        if consume(.all) != nil { return .all }
        return .query(try parseIdentifier("query id or ALL"))
    }

    /// Parses `set_property` (Grammar/sluice.ebnf): `SET (string | variable) '=' (string | variable)`.
    mutating func parseSetProperty() throws(Diagnostic) -> SetPropertyStatement {
        let start = Int(advance().sourceStart)
        let name = try parseStringOrVariable("property name string")
        try expect(.equal, "'=' after the property name")
        let value = try parseStringOrVariable("property value string")
        return SetPropertyStatement(name: name, value: value, range: range(from: start))
    }

    /// Parses `unset_property` (Grammar/sluice.ebnf): `UNSET (string | variable)`.
    mutating func parseUnsetProperty() throws(Diagnostic) -> UnsetPropertyStatement {
        let start = Int(advance().sourceStart)
        let name = try parseStringOrVariable("property name string")
        return UnsetPropertyStatement(name: name, range: range(from: start))
    }

    private mutating func parseStringOrVariable(_ what: String) throws(Diagnostic) -> StringOrVariable {
        if at(.variable) { return .variable(variableName(advance())) }
        return .string(try parseString(what))
    }

    /// Parses `alter_system` (Grammar/sluice.ebnf): `ALTER SYSTEM string '=' string`.
    mutating func parseAlterSystem() throws(Diagnostic) -> AlterSystemStatement {
        let start = Int(advance().sourceStart)
        try expect(.system)
        let name = try parseString("property name string")
        try expect(.equal, "'=' after the property name")
        let value = try parseString("property value string")
        return AlterSystemStatement(name: name, value: value, range: range(from: start))
    }

    /// Parses `define_variable` (Grammar/sluice.ebnf): `DEFINE name '=' string`, where the name is
    /// a plain identifier (not a keyword, not quoted).
    mutating func parseDefineVariable() throws(Diagnostic) -> DefineVariableStatement {
        let start = Int(advance().sourceStart)
        let name = try parseVariableName()
        try expect(.equal, "'=' after the variable name")
        let value = try parseString("variable value string")
        return DefineVariableStatement(name: name, value: value, range: range(from: start))
    }

    /// Parses `undefine_variable` (Grammar/sluice.ebnf): `UNDEFINE name`.
    mutating func parseUndefineVariable() throws(Diagnostic) -> UndefineVariableStatement {
        let start = Int(advance().sourceStart)
        let name = try parseVariableName()
        return UndefineVariableStatement(name: name, range: range(from: start))
    }

    private mutating func parseVariableName() throws(Diagnostic) -> String {
        guard at(.identifier) else { throw expected("variable name", found: current) }
        return tokenText(advance())
    }

    /// Parses `run_script` (Grammar/sluice.ebnf): `RUN SCRIPT string`.
    mutating func parseRunScript() throws(Diagnostic) -> RunScriptStatement {
        let start = Int(advance().sourceStart)
        try expect(.script)
        let path = try parseString("script path string")
        return RunScriptStatement(path: path, range: range(from: start))
    }
}

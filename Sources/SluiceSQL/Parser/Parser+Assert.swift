import SluiceCore

extension Parser {
    /// Parses `assert_statement` (Grammar/sluice.ebnf): ASSERT [NOT EXISTS] TOPIC / SCHEMA, and in
    /// test files ASSERT VALUES, ASSERT NULL VALUES, ASSERT STREAM and ASSERT TABLE.
    @inline(never)
    mutating func parseAssert() throws(Diagnostic) -> Statement {
        let start = Int(advance().sourceStart)
        var exists = true
        if consume(.not) != nil {
            try expect(.exists)
            exists = false
        }
        if consume(.topic) != nil { return .assertTopic(try parseAssertTopic(exists: exists, from: start)) }
        if consume(.schema) != nil { return .assertSchema(try parseAssertSchema(exists: exists, from: start)) }
        guard exists, options.allowsTestStatements else {
            throw expected(exists ? "NOT EXISTS, TOPIC or SCHEMA" : "TOPIC or SCHEMA", found: current)
        }
        let token = current
        switch token.kind == .keyword ? token.keyword : nil {
        case .values?:
            advance()
            let source = try parseSourceName()
            let columns = at(.leftParen) ? try parseColumnList() : []
            try expect(.values)
            let values = try parseValues()
            return .assertValues(
                AssertValuesStatement(source: source, columns: columns, values: values, range: range(from: start))
            )
        case .null?:
            advance()
            try expect(.values)
            let source = try parseSourceName()
            let columns = at(.leftParen) ? try parseColumnList() : []
            try expect(.key)
            let keys = try parseValues()
            return .assertTombstone(
                AssertTombstoneStatement(source: source, columns: columns, keys: keys, range: range(from: start))
            )
        case .stream?, .table?:
            advance()
            let name = try parseSourceName()
            let elements = at(.leftParen) ? try parseTableElements() : []
            let properties = try parseOptionalWithProperties()
            return .assertSource(
                AssertSourceStatement(
                    kind: token.keyword == .stream ? .stream : .table,
                    name: name,
                    elements: elements,
                    properties: properties,
                    range: range(from: start)
                )
            )
        default:
            throw expected("NOT EXISTS, TOPIC, SCHEMA, VALUES, NULL VALUES, STREAM or TABLE", found: token)
        }
    }

    /// Parses `assert_topic` (Grammar/sluice.ebnf) after `ASSERT [NOT EXISTS] TOPIC`:
    /// `resource_name [WITH (...)] [timeout]`.
    private mutating func parseAssertTopic(exists: Bool, from start: Int) throws(Diagnostic) -> AssertTopicStatement {
        let topic = try parseResourceName("topic name")
        let properties = try parseOptionalWithProperties()
        let timeout = try parseOptionalTimeout()
        return AssertTopicStatement(
            exists: exists,
            topic: topic,
            properties: properties,
            timeout: timeout,
            range: range(from: start)
        )
    }

    /// Parses `assert_schema` (Grammar/sluice.ebnf) after `ASSERT [NOT EXISTS] SCHEMA`:
    /// `[SUBJECT resource_name] [ID literal] [timeout]`.
    private mutating func parseAssertSchema(exists: Bool, from start: Int) throws(Diagnostic) -> AssertSchemaStatement {
        var statement = AssertSchemaStatement(exists: exists)
        if consume(.subject) != nil { statement.subject = try parseResourceName("schema subject") }
        if consume(.id) != nil { statement.id = try parseLiteral("schema id") }
        statement.timeout = try parseOptionalTimeout()
        statement.range = range(from: start)
        return statement
    }

    /// Parses `timeout` (Grammar/sluice.ebnf) when present: `TIMEOUT duration`.
    private mutating func parseOptionalTimeout() throws(Diagnostic) -> DurationSyntax? {
        guard consume(.timeout) != nil else { return nil }
        return try parseDuration("timeout")
    }
}

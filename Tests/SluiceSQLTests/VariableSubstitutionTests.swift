import SluiceCore
import SluiceSQL
import Testing

@Suite struct VariableSubstitutionTests {
    private let variables = VariableSubstitution([
        "stream": "clicks", "topic": "clicks-topic", "replicas": "3", "negative": "-2.5", "quoted": "'it''s'",
        "list": "a, b", "Format": "JSON",
    ])

    private func substituted(_ text: String) throws -> String {
        SQLPrinter.print(try Parser.parseStatement(text, options: ParserOptions(substitution: variables)))
    }

    @Test func referencesBecomeIdentifiersAndLiterals() throws {
        #expect(
            try substituted("CREATE STREAM ${stream} (id INT KEY) WITH (kafka_topic='${topic}', replicas=${replicas})")
                == "CREATE STREAM CLICKS (ID INTEGER KEY) WITH (KAFKA_TOPIC='clicks-topic', REPLICAS=3)"
        )
        #expect(try substituted("SELECT ${negative}, ${quoted} FROM t") == "SELECT -2.5, 'it''s' FROM T")
    }

    @Test func namesAreCaseInsensitive() throws {
        #expect(
            try substituted("SELECT * FROM ${STREAM} WHERE f = '${format}'") == "SELECT * FROM CLICKS WHERE F = 'JSON'"
        )
    }

    @Test func stringsKeepUndefinedAndEscapedReferences() throws {
        #expect(
            try substituted("SELECT '${nope} $${stream} ${stream}' FROM t")
                == "SELECT '${nope} ${stream} clicks' FROM T"
        )
    }

    @Test func withoutSubstitutionReferencesAreKeptAsWritten() throws {
        let statement = try Parser.parseStatement("INSERT INTO ${stream} (a) VALUES (${value})")
        #expect(SQLPrinter.print(statement) == "INSERT INTO ${stream} (A) VALUES (${value})")
        guard case .insertValues(let insert) = statement else {
            Issue.record("not INSERT VALUES")
            return
        }
        #expect(insert.target.isVariableReference)
        #expect(insert.values.first?.kind == .literal(.variable("value")))
    }

    @Test func diagnosticsPointAtTheReferenceTheUserWrote() {
        let text = "SELECT ${list} FROM t"
        #expect {
            try Parser.parseStatement(text, options: ParserOptions(substitution: variables))
        } throws: { error in
            let diagnostic = error as! Diagnostic
            return diagnostic.message == "variable ${list} must hold one identifier or literal, but holds 'a, b'"
                && diagnostic.range == SourceRange(start: 7, end: 14)
        }
        #expect {
            try Parser.parseStatement("SELECT ${missing} FROM t", options: ParserOptions(substitution: variables))
        } throws: { error in
            (error as! Diagnostic).message == "undefined variable ${missing}"
        }
        // The substituted token is what the parser saw; the caret is still on `${stream}`.
        let file = SourceFile(name: "q.sql", text: "SELECT * FROM t WHERE ${stream} ${stream}")
        let result = Parser.parseScript(file, options: ParserOptions(substitution: variables))
        #expect(
            result.diagnostics.map { file.render($0) } == [
                """
                q.sql:1:33: error: expected ';', found identifier CLICKS
                1 | SELECT * FROM t WHERE ${stream} ${stream}
                  |                                 ^~~~~~~~~
                """
            ]
        )
    }

    @Test func defineAndUndefineTakeEffectForLaterStatements() {
        let file = SourceFile(
            name: "s.sql",
            text: """
                DEFINE src = 'orders';
                SELECT * FROM ${src};
                UNDEFINE src;
                SELECT * FROM ${src};
                """
        )
        let result = Parser.parseScript(file, options: ParserOptions(substitution: VariableSubstitution()))
        #expect(
            result.statements.map { $0.statement.map(SQLPrinter.print) } == [
                "DEFINE src = 'orders'", "SELECT * FROM ORDERS", "UNDEFINE src", nil,
            ]
        )
        #expect(result.diagnostics.first?.message == "undefined variable ${src}")
        #expect(result.substitution?.variables.isEmpty == true)
    }

    @Test func aScriptParserLetsTheCallerDefineBetweenStatements() {
        let file = SourceFile(name: "s.sql", text: "SELECT * FROM ${a}; SELECT * FROM ${a};")
        var parser = ScriptParser(file, options: ParserOptions(substitution: VariableSubstitution(["a": "x"])))
        #expect(parser.next()?.statement.map(SQLPrinter.print) == "SELECT * FROM X")
        parser.options.substitution?.define("A", as: "y")
        #expect(parser.next()?.statement.map(SQLPrinter.print) == "SELECT * FROM Y")
        #expect(parser.next() == nil)
    }
}

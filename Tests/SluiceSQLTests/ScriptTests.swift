import SluiceCore
import SluiceSQL
import Testing

@Suite struct ScriptTests {
    @Test func eachBadStatementIsReportedAndParsingResumesAfterItsSemicolon() {
        let file = SourceFile(
            name: "jobs.sql",
            text: """
                CREATE STREAM a (id INT KEY) WITH (kafka_topic='a', value_format='JSON');
                SELECT * FROM a GROUP BY;
                SELECT * FROM a;
                INSERT a VALUES (1);
                """
        )
        let result = Parser.parseScript(file)
        #expect(result.statements.map { $0.statement != nil } == [true, false, true, false])
        #expect(
            file.render(result.diagnostics) == """
                jobs.sql:2:25: error: expected expression, found ';'
                2 | SELECT * FROM a GROUP BY;
                  |                         ^
                note: in statement 2 at 2:1
                jobs.sql:4:8: error: expected INTO, found identifier A
                4 | INSERT a VALUES (1);
                  |        ^
                note: in statement 4 at 4:1
                """
        )
        #expect(result.parsedStatements == nil)
    }

    @Test func statementsCarryTheirRangeTextAndIndex() {
        let file = SourceFile(name: "s.sql", text: "  SELECT 1 FROM t ;;\n-- c\nSHOW STREAMS")
        let result = Parser.parseScript(file)
        #expect(result.statements.map(\.text) == ["SELECT 1 FROM t ;", "SHOW STREAMS"])
        #expect(result.statements.map(\.index) == [1, 2])
        #expect(result.statements[0].range == SourceRange(start: 2, end: 19))
        #expect(result.parsedStatements?.count == 2)
        #expect(result.comments.map(file.slice) == ["-- c"])
    }

    @Test func aSingleStatementScriptHasNoStatementNote() {
        let file = SourceFile(name: "<input>", text: "SELECT FROM t")
        let result = Parser.parseScript(file)
        #expect(result.diagnostics.map(\.notes) == [[]])
        #expect(result.diagnostics.first?.message == "expected expression, found keyword FROM")
    }

    @Test func testStatementsCanBeTurnedOff() {
        let text = "ASSERT VALUES s (a) VALUES (1); RUN SCRIPT 'x.sql';"
        let allowed = Parser.parseScript(SourceFile(name: "t.sql", text: text))
        #expect(allowed.diagnostics.isEmpty)
        let refused = Parser.parseScript(
            SourceFile(name: "t.sql", text: text),
            options: ParserOptions(allowsTestStatements: false)
        )
        #expect(
            refused.diagnostics.map(\.message) == [
                "expected NOT EXISTS, TOPIC or SCHEMA, found keyword VALUES", "expected statement, found keyword RUN",
            ]
        )
    }

    @Test func parseStatementTakesExactlyOne() throws {
        #expect(try Parser.parseStatement("SHOW TOPICS;") == .list(ListStatement(.topics(all: false, extended: false))))
        #expect(throws: Diagnostic.self) { try Parser.parseStatement("SHOW TOPICS; SHOW STREAMS;") }
        #expect(throws: Diagnostic.self) { try Parser.parseStatement("") }
    }

    @Test func theFormatterKeepsCommentsAndBlankLines() {
        let file = SourceFile(
            name: "f.sql",
            text: """
                -- header

                create stream s (id int key) with (kafka_topic='s', value_format='json'); -- same line
                /* before */ select id,   -- inside
                  id + 1 from s;

                -- tail
                """
        )
        let formatted = SQLFormatter.format(Parser.parseScript(file), of: file)
        #expect(
            formatted == """
                -- header

                CREATE STREAM S (ID INTEGER KEY) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='json'); -- same line
                /* before */
                -- inside
                SELECT ID, ID + 1 FROM S;

                -- tail

                """
        )
    }
}

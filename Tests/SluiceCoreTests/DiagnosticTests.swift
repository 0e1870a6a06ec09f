import SluiceCore
import Testing

@Suite struct DiagnosticTests {
    @Test func rendersLineAndCaretUnderTheRange() {
        let file = SourceFile(name: "q.sql", text: "SELECT 1;\nSELECT * FROM views GROUP BY x;\n")
        let offset = file.text.utf8.count - "GROUP BY x;\n".utf8.count
        let diagnostic = Diagnostic.error("expected ';', found keyword GROUP", at: SourceRange(start: offset, end: offset + 5))
        #expect(
            file.render(diagnostic) == """
                q.sql:2:21: error: expected ';', found keyword GROUP
                2 | SELECT * FROM views GROUP BY x;
                  |                     ^~~~~
                """)
    }

    @Test func columnsCountCharactersNotBytes() {
        let file = SourceFile(name: "<input>", text: "SELECT 'héllo' x")
        let offset = "SELECT 'héllo' ".utf8.count
        #expect(file.location(of: offset) == SourceLocation(line: 1, column: 16))
    }

    @Test func wideCharactersTakeTwoColumnsAndControlCharactersAreNotEchoed() {
        let wide = SourceFile(name: "<input>", text: "SELECT '日本' FORM t")
        let offset = "SELECT '日本' ".utf8.count
        let rendered = wide.render(Diagnostic.error("expected FROM", at: SourceRange(start: offset, end: offset + 4)))
        #expect(rendered.hasSuffix("  | " + String(repeating: " ", count: 14) + "^~~~"))
        let escape = SourceFile(name: "<input>", text: "SELECT \u{1B}[31m")
        let shown = escape.render(Diagnostic.error("bad", at: SourceRange(start: 7, end: 8)))
        #expect(!shown.contains("\u{1B}") && shown.contains("\u{FFFD}[31m"))
    }

    @Test func emptyRangeAtEndOfInputGetsOneCaret() {
        let file = SourceFile(name: "<input>", text: "SELECT")
        let diagnostic = Diagnostic.error("expected expression, found end of input", at: SourceRange(at: 6))
        #expect(file.render(diagnostic).hasSuffix("  |       ^"))
    }

    @Test func shiftingMovesRangeAndNotes() {
        let diagnostic = Diagnostic.error("x", at: SourceRange(start: 1, end: 2), notes: [.init("n", range: SourceRange(at: 0))])
        let moved = diagnostic.shifted(by: 10)
        #expect(moved.range == SourceRange(start: 11, end: 12))
        #expect(moved.notes.first?.range == SourceRange(at: 10))
    }
}

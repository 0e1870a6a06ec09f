import SluiceSQL
import Testing

/// Multi-line statements kept in a one-line-per-entry history must mean the same once joined.
@Suite struct SingleLineSQLTests {
    @Test func lineCommentsBecomeBlockCommentsBeforeTheLinesAreJoined() throws {
        let typed = "SELECT 'a;b' AS x, -- comment; here\n  k FROM ev LIMIT 1;"
        let flat = SingleLineSQL.flatten(typed)
        #expect(flat == "SELECT 'a;b' AS x, /* comment; here */ k FROM ev LIMIT 1;")
        #expect(try Parser.parseStatement(flat) == Parser.parseStatement(typed))
    }

    @Test func dashesInsideQuotesAndCommentEndsInsideCommentsStayHarmless() throws {
        #expect(SingleLineSQL.flatten("SELECT '--not a comment'\nFROM t;") == "SELECT '--not a comment' FROM t;")
        let tricky = "SELECT a -- a */ b\nFROM t;"
        #expect(try Parser.parseStatement(SingleLineSQL.flatten(tricky)) == Parser.parseStatement(tricky))
    }

    @Test func aStringLiteralSpanningLinesCannotBeFlattened() {
        #expect(!SingleLineSQL.canFlatten("SELECT LEN('ab\ncd') FROM t;"))
        #expect(!SingleLineSQL.canFlatten("SELECT `a\nb` FROM t;"))
        #expect(SingleLineSQL.canFlatten("SELECT 'ab',\n  'cd' FROM t; -- it's fine\n"))
    }
}

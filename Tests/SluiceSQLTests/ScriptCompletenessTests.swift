import Testing

import SluiceSQL

@Suite struct ScriptCompletenessTests {
    @Test(arguments: [
        "SHOW STREAMS;",
        "CREATE STREAM s (id INT KEY,\n  v STRING) WITH (kafka_topic='s');",
        "SELECT 'a;b' FROM s;",
        "SELECT * FROM s; -- a comment after the end",
        "SELECT 1;;",
    ])
    func complete(_ text: String) {
        #expect(ScriptCompleteness.isComplete(text))
    }

    @Test(arguments: [
        "SHOW STREAMS",
        "CREATE STREAM s (id INT KEY,",
        "SELECT 'a;",
        "SELECT `x;",
        "SELECT \"x;",
        "SELECT * FROM s -- not yet;",
        "SELECT * FROM s; /* still open;",
        "SELECT * FROM s; SELECT",
        "",
    ])
    func incomplete(_ text: String) {
        #expect(!ScriptCompleteness.isComplete(text))
    }

    @Test func blankTextHasNoTokens() {
        #expect(ScriptCompleteness.isBlank("  \n -- only a comment\n /* and another */ "))
        #expect(!ScriptCompleteness.isBlank("x"))
    }
}

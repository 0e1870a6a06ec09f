import Foundation
import Testing

/// The REPL driven through a real terminal: keys in, screen out.
@Suite struct ReplTests {
    let scratch = Scratch()

    private func openRepl() async throws -> TerminalScreen {
        let terminal = try TerminalScreen(
            [SluiceBinary.path, "--data", scratch.path + "/data"], environment: ["HOME": scratch.path, "TERM": "xterm"],
            socketDirectory: scratch.path)
        #expect(await terminal.waitFor("sluice>"), "the REPL did not start:\n\(terminal.screen)")
        return terminal
    }

    private let createClicks = [
        "CREATE STREAM clicks (id INT KEY,",
        "  url STRING) WITH (kafka_topic='clicks', value_format='JSON', partitions=1);",
    ]

    @Test func multiLineStatementsEndAtASemicolonOutsideQuotesAndComments() async throws {
        let terminal = try await openRepl()
        try terminal.typeLine(createClicks[0])
        #expect(await terminal.waitFor("      >"))
        try terminal.typeLine(createClicks[1])
        #expect(await terminal.waitFor("Stream created"))

        // A ';' in a string or a comment does not end the statement.
        try terminal.typeLine("INSERT INTO clicks (id, url) VALUES (1, 'a;b') -- not yet;")
        try terminal.typeLine(";")
        try terminal.typeLine("SELECT url FROM clicks;")
        #expect(await terminal.waitFor("|a;b"), "\(terminal.screen)")
        let screen = terminal.screen
        #expect(screen.contains("sluice> INSERT INTO clicks (id, url) VALUES (1, 'a;b') -- not yet;\n      > ;"))
    }

    @Test func tabCompletesStreamNamesAndKeywords() async throws {
        let terminal = try await openRepl()
        try terminal.typeLine(createClicks.joined(separator: " "))
        #expect(await terminal.waitFor("Stream created"))
        try terminal.type("descr")
        try terminal.press("Tab")
        try terminal.type("cli")
        try terminal.press("Tab")
        try terminal.typeLine(";")
        #expect(await terminal.waitFor("sluice> describe clicks ;"), "\(terminal.screen)")
        #expect(await terminal.waitFor("URL"))
    }

    @Test func ctrlCCancelsAPushQueryAndTheReplKeepsWorking() async throws {
        let terminal = try await openRepl()
        try terminal.typeLine(createClicks.joined(separator: " "))
        #expect(await terminal.waitFor("Stream created"))
        try terminal.typeLine("SELECT * FROM clicks EMIT CHANGES;")
        #expect(await terminal.waitFor("|URL"))
        // Another process feeds the stream; the REPL owns the data directory, so this is forwarded to it.
        let produced = try await sluice(
            ["produce", "clicks", "--data", scratch.path + "/data", "--key", "7", "--key-format", "int"], in: scratch.path,
            input: "{\"URL\":\"/pushed\"}\n")
        #expect(produced.status == 0, "\(produced.error)")
        #expect(await terminal.waitFor("|/pushed"), "\(terminal.screen)")
        try terminal.press("C-c")
        #expect(await terminal.waitFor("Query terminated"), "\(terminal.screen)")
        try terminal.typeLine("SHOW STREAMS;")
        #expect(await terminal.waitFor("|CLICKS"), "\(terminal.screen)")
    }

    @Test func historyIsKeptAcrossSessions() async throws {
        let first = try await openRepl()
        try first.typeLine("SHOW TOPICS;")
        #expect(await first.waitFor("Kafka Topic"))
        try first.typeLine("exit")
        #expect(await eventually(timeout: 10) {
            (try? String(contentsOfFile: scratch.path + "/.sluice_history", encoding: .utf8))?.contains("SHOW TOPICS;") == true
        })
        let second = try await openRepl()
        try second.press("Up")
        #expect(await second.waitFor("sluice> SHOW TOPICS;"), "\(second.screen)")
    }

    @Test func readsStatementsFromAPipe() async throws {
        let result = try await sluice(
            ["--data", scratch.path + "/data"], in: scratch.path,
            input: createClicks.joined(separator: "\n") + "\nSHOW STREAMS;\n")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Stream created"))
        #expect(result.output.contains("|CLICKS"))
        #expect(!result.output.contains("sluice>"))
    }
}

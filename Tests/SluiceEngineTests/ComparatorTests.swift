import Foundation
import SluiceFormats
import SluiceTesting
import Testing

/// The conformance runner's comparator must notice every kind of wrong output: a case that passes
/// has to fail once its expectation is mutated.
@Suite struct ComparatorTests {
    static let passing = TestCase(
        name: "comparator - base", file: "comparator",
        statements: [
            "CREATE STREAM input (id INT KEY, name STRING, price DOUBLE) WITH (kafka_topic='in', value_format='JSON');",
            "CREATE STREAM output AS SELECT id, name, price * 2 AS price FROM input WHERE id < 10;",
        ],
        inputs: [
            TestRecord(topic: "in", key: 1, value: ["name": "a", "price": .number("1.5")], timestamp: 100),
            TestRecord(topic: "in", key: 2, value: ["name": "b", "price": .number("2.25")], timestamp: 200),
            TestRecord(topic: "in", key: 11, value: ["name": "c", "price": 3], timestamp: 300),
        ],
        outputs: [
            TestRecord(topic: "OUTPUT", key: 1, value: ["NAME": "a", "PRICE": .number("3.0")], timestamp: 100),
            TestRecord(topic: "OUTPUT", key: 2, value: ["NAME": "b", "PRICE": .number("4.5")], timestamp: 200),
        ])

    @Test func theBaseCasePasses() {
        #expect(CaseRunner().run(Self.passing).outcome == .passed)
    }

    @Test(arguments: ["field value", "field name", "key", "order", "timestamp", "one record more", "one record less",
                      "double beyond tolerance", "extra field"])
    func aMutatedExpectationFails(_ mutation: String) {
        var mutated = Self.passing
        switch mutation {
        case "field value": mutated.outputs[0].value = ["NAME": "z", "PRICE": .number("3.0")]
        case "field name": mutated.outputs[0].value = ["TITLE": "a", "PRICE": .number("3.0")]
        case "key": mutated.outputs[1].key = 3
        case "order": mutated.outputs.swapAt(0, 1)
        case "timestamp": mutated.outputs[1].timestamp = 201
        case "one record more":
            mutated.outputs.append(TestRecord(topic: "OUTPUT", key: 3, value: ["NAME": "c", "PRICE": 6], timestamp: nil))
        case "one record less": mutated.outputs.removeLast()
        case "double beyond tolerance": mutated.outputs[0].value = ["NAME": "a", "PRICE": .number("3.00001")]
        default: mutated.outputs[0].value = ["NAME": "a", "PRICE": .number("3.0"), "EXTRA": 1]
        }
        guard case .failed = CaseRunner().run(mutated).outcome else {
            Issue.record("the runner accepted an output with a wrong \(mutation)")
            return
        }
    }

    static let windowed = TestCase(
        name: "comparator - windowed", file: "comparator",
        statements: [
            "CREATE STREAM input (id INT KEY, v INT) WITH (kafka_topic='in', value_format='JSON', window_type='HOPPING', window_size='10 SECONDS');",
            "CREATE STREAM output AS SELECT * FROM input;",
        ],
        inputs: [TestRecord(topic: "in", key: 1, value: ["V": 1], timestamp: 100, window: TestWindow(start: 0, end: 10_000, type: "time"))],
        outputs: [TestRecord(topic: "OUTPUT", key: 1, value: ["V": 1], timestamp: 100, window: TestWindow(start: 0, end: 10_000, type: "time"))])

    @Test func windowBoundsAreCompared() {
        #expect(CaseRunner().run(Self.windowed).outcome == .passed)
        var mutated = Self.windowed
        mutated.outputs[0].window = TestWindow(start: 5_000, end: 15_000, type: "time")
        guard case .failed(let reason) = CaseRunner().run(mutated).outcome else {
            Issue.record("the runner accepted an output with wrong window bounds")
            return
        }
        #expect(reason.contains("window time[5000, 15000] != time[0, 10000]"))
    }

    @Test func doublesWithinTheToleranceMatch() {
        var close = Self.passing
        close.outputs[0].value = ["NAME": "a", "PRICE": .number("3.0000001")]
        #expect(CaseRunner().run(close).outcome == .passed)
    }

    @Test func aMutatedAssertValuesFails() throws {
        let script = """
            --@test: assertion
            CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON');
            CREATE STREAM t AS SELECT id, v + 1 AS v FROM s;
            INSERT INTO s (id, v) VALUES (1, 1);
            ASSERT VALUES t (id, v) VALUES (1, 3);
            """
        let cases = try SQLTestFile.parse(script, file: "mutation.sql")
        #expect(cases.count == 1)
        guard case .failed(let reason) = CaseRunner().run(cases[0]).outcome else {
            Issue.record("ASSERT VALUES accepted a wrong value")
            return
        }
        // The statement's place, then both records.
        #expect(reason.hasPrefix("mutation.sql:5:1: Record 1 of T differs in V"))
        #expect(reason.contains("expected ID=1, V=3") && reason.contains("actual   ID=1, V=2"))
    }

    @Test func windowsLineEndsWorkAndAMisspelledDirectiveIsAnError() throws {
        let script = "--@test: crlf\r\nCREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON');\r\n"
            + "CREATE STREAM t AS SELECT * FROM s;\r\nINSERT INTO s (id, v) VALUES (1, 2);\r\nASSERT VALUES t (id, v) VALUES (1, 3);\r\n"
        let cases = try SQLTestFile.parse(script.replacingOccurrences(of: "\r\n", with: "\n"), file: "crlf.sql")
        #expect(cases.map(\.name) == ["crlf.sql - crlf"])
        guard case .failed = CaseRunner().run(cases[0]).outcome else {
            Issue.record("the wrong assertion passed")
            return
        }
        #expect(throws: QTTFile.ReadError.self) { try SQLTestFile.parse("--@test: a\n--@expected.eror: x\n", file: "typo.sql") }
        #expect(throws: QTTFile.ReadError.self) { try SQLTestFile.parse("CREATE STREAM s (v INT);\n", file: "none.sql") }
    }

    @Test func aStatementsFileWithoutAnInputFileCreatesItsTopicsAndNamesTheBadStatement() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-runner-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let statements = directory + "/statements.sql"
        let output = directory + "/output.json"
        try """
            CREATE STREAM orders (id INT KEY, item STRING) WITH (kafka_topic='orders_topic', value_format='JSON');
            CREATE STREAM big AS SELECT id, UCASE(item) AS item FROM orders;
            INSERT INTO orders (id, item) VALUES (1, 'pen');
            """.write(toFile: statements, atomically: true, encoding: .utf8)
        try #"{"outputs": [{"topic": "BIG", "key": 1, "value": {"ITEM": "PEN"}}]}"#
            .write(toFile: output, atomically: true, encoding: .utf8)
        let passing = try TestRunnerFiles.read(statements: statements, input: nil, output: output)
        #expect(CaseRunner().run(passing).outcome == .passed)

        try """
            CREATE STREAM orders (id INT KEY, item STRING) WITH (kafka_topic='orders_topic', value_format='JSON');
            CREATE STREAM big AS SELECT id, UCASE(itm) AS item FROM orders;
            """.write(toFile: statements, atomically: true, encoding: .utf8)
        let failing = try TestRunnerFiles.read(statements: statements, input: nil, output: output)
        guard case .failed(let reason) = CaseRunner().run(failing).outcome else {
            Issue.record("a bad column passed")
            return
        }
        #expect(reason.hasPrefix(statements + ":2:1: "), "names the file and line: \(reason)")
        #expect(!reason.contains("CREATE STREAM orders"), "does not print the whole file")
    }
}

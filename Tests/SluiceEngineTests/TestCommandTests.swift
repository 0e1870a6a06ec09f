import Foundation
import SluiceTestSupport
import Testing

/// `sluice test` as users run it: SQL test files, QTT files and the ksql-test-runner trio.
@Suite struct TestCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-test-cmd-\(UUID().uuidString)").path

    func write(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRejectionWithAnotherMessagePassesUnlessExactErrorsIsAsked() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try write("errors.sql", """
            --@test: wrong expected message
            --@expected.error: io.confluent.ksql.util.KsqlStatementException
            --@expected.message: this text appears nowhere
            CREATE STREAM a (id INT KEY, v INT) WITH (kafka_topic='a', value_format='JSON');
            CREATE STREAM b AS SELECT nope FROM a;
            """)
        let lenient = try runSluice(["test", file])
        #expect(lenient.status == 0)
        #expect(lenient.output.contains("(rejected, with a message other than the expected one)"))
        let exact = try runSluice(["test", "--exact-errors", file])
        #expect(exact.status == 1)
        #expect(exact.output.contains("expected: this text appears nowhere"))
    }

    @Test func theTestRunnerTrioPassesAndAWrongOutputFails() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let statements = try write("statements.sql", """
            CREATE STREAM pageviews (id INT KEY, page STRING) WITH (kafka_topic='pageviews', value_format='JSON');
            CREATE STREAM home AS SELECT id, page FROM pageviews WHERE page = '/home';
            """)
        let input = try write("input.json", """
            {"inputs": [
              {"topic": "pageviews", "key": 1, "value": {"page": "/home"}, "timestamp": 10},
              {"topic": "pageviews", "key": 2, "value": {"page": "/cart"}, "timestamp": 20}
            ]}
            """)
        let output = try write("output.json", """
            {"outputs": [{"topic": "HOME", "key": 1, "value": {"PAGE": "/home"}, "timestamp": 10}]}
            """)
        let passing = try runSluice(["test", "-s", statements, "-i", input, "-o", output])
        #expect(passing.status == 0)
        #expect(passing.output.contains("1 passed, 0 failed, 0 skipped"))

        let wrong = try write("wrong.json", """
            {"outputs": [{"topic": "HOME", "key": 1, "value": {"PAGE": "/cart"}}]}
            """)
        let failing = try runSluice(["test", "-s", statements, "-i", input, "-o", wrong])
        #expect(failing.status == 1)
        #expect(failing.output.contains("FAIL"))
        #expect(failing.output.contains(#"PAGE: expected "/cart", actual "/home""#))
    }

    @Test func sqlTestFilesReportEveryCaseAndTheirErrors() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try write("checks.sql", """
            --@test: passes
            CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON');
            CREATE STREAM t AS SELECT id, v * 2 AS v FROM s;
            INSERT INTO s (id, v) VALUES (1, 21);
            ASSERT VALUES t (id, v) VALUES (1, 42);

            --@test: expects an error
            --@expected.error: io.confluent.ksql.util.KsqlStatementException
            --@expected.message: does not exist
            CREATE STREAM t AS SELECT * FROM nowhere;

            --@test: fails
            CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON');
            CREATE STREAM t AS SELECT id, v FROM s;
            INSERT INTO s (id, v) VALUES (1, 1);
            ASSERT VALUES t (id, v) VALUES (1, 2);
            """)
        let result = try runSluice(["test", file])
        #expect(result.status == 1)
        #expect(result.output.contains("pass  checks.sql - passes"))
        #expect(result.output.contains("pass  checks.sql - expects an error"))
        #expect(result.output.contains("FAIL  checks.sql - fails"))
        #expect(result.output.contains("2 passed, 1 failed, 0 skipped"))
        let json = try runSluice(["test", "--json", file])
        #expect(json.output.split(separator: "\n").filter { $0.hasPrefix("{") }.count == 3)
    }
}

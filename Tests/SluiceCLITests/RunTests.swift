import Foundation
import Testing

/// `sluice run FILE.sql`: headless jobs that stop cleanly and resume when the file runs again.
@Suite struct RunTests {
    let scratch = Scratch()
    var data: String { scratch.path + "/data" }

    static let jobs = """
        -- Upper-cases every value of src into out.
        CREATE STREAM src (id INT KEY, v STRING) WITH (kafka_topic='src', value_format='JSON', partitions=1);
        SET 'auto.offset.reset' = 'earliest';
        CREATE STREAM out AS SELECT id, UCASE(v) AS v FROM src;
        INSERT INTO src (id, v) VALUES (1, 'a');
        INSERT INTO src (id, v) VALUES (2, 'b');

        """

    /// Starts `sluice run` and waits until its queries run.
    private func start(_ file: String) async throws -> SluiceProcess {
        let run = try SluiceProcess(["run", file, "--data", data], in: scratch.path)
        #expect(await run.waitForOutput("Ctrl-C or SIGTERM stops."), "\(run.output)\n\(run.error)")
        return run
    }

    @Test func runningTheFileAgainResumesWithoutApplyingAnythingTwice() async throws {
        let file = scratch.write("jobs.sql", Self.jobs)
        let first = try await start(file)
        #expect(first.output.contains("Created query with ID CSAS_OUT_"))
        first.signal(SIGTERM)
        let stopped = await first.finish()
        #expect(stopped.status == 0, "\(stopped.error)")
        #expect(stopped.output.contains("Stopped."))

        let second = try await start(file)
        second.signal(SIGINT)
        let resumed = await second.finish()
        #expect(resumed.status == 0, "\(resumed.error)")
        #expect(resumed.output.contains("Stream SRC exists already, unchanged."))
        #expect(resumed.output.contains("Stream OUT exists already, unchanged; query CSAS_OUT_0 resumed."))
        #expect(resumed.output.components(separatedBy: "Applied by an earlier run of this file").count - 1 == 2)
        #expect(!resumed.output.contains("Created query"))

        let rows = try await sluice(["exec", "--data", data, "--output", "json", "SELECT * FROM out; SHOW QUERIES;"], in: scratch.path)
        #expect(rows.status == 0, "\(rows.error)")
        let lines = rows.output.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("{\"ID\"") } == ["{\"ID\":1,\"V\":\"A\"}", "{\"ID\":2,\"V\":\"B\"}"])
        #expect(lines.filter { $0.contains("\"Query ID\"") }.count == 1)
    }

    @Test func aChangedStatementIsAnErrorNamingIt() async throws {
        let file = scratch.write("jobs.sql", Self.jobs)
        let first = try await start(file)
        first.signal(SIGTERM)
        #expect(await first.finish().status == 0)

        scratch.write("jobs.sql", Self.jobs.replacingOccurrences(of: "UCASE(v)", with: "LCASE(v)"))
        let changed = try await sluice(["run", file, "--data", data], in: scratch.path)
        #expect(changed.status == 1)
        #expect(changed.error.contains("jobs.sql:4:15: error: stream OUT differs from the one in the data directory"),
                "\(changed.error)")
        #expect(changed.error.contains("note: the data directory holds: CREATE STREAM OUT AS SELECT ID, UCASE(V) AS V FROM SRC"))

        // OR REPLACE makes the change an upgrade of the query instead.
        scratch.write("jobs.sql", Self.jobs.replacingOccurrences(of: "CREATE STREAM out AS SELECT id, UCASE(v)",
                                                                 with: "CREATE OR REPLACE STREAM out AS SELECT id, LCASE(v)"))
        let upgraded = try await start(file)
        upgraded.signal(SIGTERM)
        let result = await upgraded.finish()
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Created query with ID CSAS_OUT_"))
    }

    @Test func theFirstFailingStatementStopsTheRunAndAppliesNothing() async throws {
        let file = scratch.write("bad.sql", """
            CREATE STREAM a (id INT KEY, v STRING) WITH (kafka_topic='a', value_format='JSON', partitions=1);
            CREATE STREAM b AS SELECT nope FROM a;
            CREATE STREAM c (id INT KEY) WITH (kafka_topic='c', value_format='JSON', partitions=1);

            """)
        let result = try await sluice(["run", file, "--data", data], in: scratch.path)
        #expect(result.status == 1)
        #expect(result.error.contains("bad.sql:2:27: error:"), "\(result.error)")
        let streams = try await sluice(["exec", "--data", data, "SHOW STREAMS;"], in: scratch.path)
        #expect(streams.output.contains("|A "))
        #expect(!streams.output.contains("|B "))
        #expect(!streams.output.contains("|C "))
    }
}

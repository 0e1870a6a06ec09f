import Foundation
import Testing

/// Commands against a data directory that `sluice run` owns run inside the owner: same output and
/// exit status as on their own, standard input forwarded, Ctrl-C forwarded.
@Suite struct ForwardingTests {
    let scratch = Scratch()
    var data: String { scratch.path + "/data" }

    static let jobs = """
        CREATE STREAM src (id INT KEY, v STRING) WITH (kafka_topic='src', value_format='JSON', partitions=1);
        SET 'auto.offset.reset' = 'earliest';
        CREATE STREAM out AS SELECT id, UCASE(v) AS v FROM src;

        """

    private func startOwner() async throws -> SluiceProcess {
        let owner = try SluiceProcess(["run", scratch.write("jobs.sql", Self.jobs), "--data", data], in: scratch.path)
        #expect(await owner.waitForOutput("Ctrl-C or SIGTERM stops."), "\(owner.output)\n\(owner.error)")
        return owner
    }

    @Test func produceFeedsARunningJobAndPrintAndExecReadItsOutput() async throws {
        let owner = try await startOwner()
        let produced = try await sluice(
            ["produce", "src", "--data", data, "--key", "9", "--key-format", "int"], in: scratch.path,
            input: "{\"V\":\"p\"}\n{\"V\":\"q\"}\n")
        #expect(produced.status == 0, "\(produced.error)")
        #expect(produced.output.hasPrefix("wrote 2 records to src in "))

        let printed = try await sluice(["print", "OUT", "--data", data, "--from-beginning", "--follow", "--limit", "2"],
                                 in: scratch.path)
        #expect(printed.status == 0, "\(printed.error)")
        let lines = printed.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(printed.output)")
        #expect(lines.first == "Key format: KAFKA_INT or KAFKA_STRING")
        #expect(lines.last?.contains("key: 9, value: {\"V\":\"Q\"}, partition: 0, offset: 1") == true, "\(printed.output)")

        let selected = try await sluice(["exec", "--data", data, "SELECT * FROM out;"], in: scratch.path)
        #expect(selected.status == 0, "\(selected.error)")
        #expect(selected.output == """
            +--+-+
            |ID|V|
            +--+-+
            |9 |P|
            |9 |Q|
            +--+-+

            """)

        let topics = try await sluice(["topic", "list", "--data", data], in: scratch.path)
        #expect(topics.output.split(separator: "\n").contains("OUT"))

        let failing = try await sluice(["exec", "--data", data, "SELECT nope FROM out;"], in: scratch.path)
        #expect(failing.status == 1)
        #expect(failing.error.hasPrefix("<exec>:1:8: error: "), "\(failing.error)")
        let unknown = try await sluice(["print", "nosuch", "--data", data, "--from-beginning"], in: scratch.path)
        #expect(unknown.status == 2)
        #expect(unknown.error == "error: unknown topic 'nosuch'\n")
        await stop(owner)
    }

    @Test func ctrlCStopsAForwardedFollowingPrint() async throws {
        let owner = try await startOwner()
        _ = try await sluice(["exec", "--data", data, "INSERT INTO src (id, v) VALUES (1, 'x');"], in: scratch.path)
        let follow = try SluiceProcess(["print", "src", "--data", data, "--from-beginning", "--follow"], in: scratch.path)
        #expect(await follow.waitForOutput("value: {\"V\":\"x\"}"), "\(follow.output)\n\(follow.error)")
        follow.signal(SIGINT)
        let result = await follow.finish(timeout: 10)
        #expect(result.status == 0, "\(result.error)")
        #expect(owner.isRunning)
        await stop(owner)
    }

    private func stop(_ owner: SluiceProcess) async {
        owner.signal(SIGTERM)
        let stopped = await owner.finish()
        #expect(stopped.status == 0, "\(stopped.error)")
    }

    @Test func theSameCommandsWorkWhenNoProcessOwnsTheDirectory() async throws {
        let created = try await sluice(["topic", "create", "plain", "--data", data, "--partitions", "2"], in: scratch.path)
        #expect(created.output == "created topic plain with 2 partitions\n")
        let produced = try await sluice(["produce", "plain", "--data", data, "--format", "raw"], in: scratch.path, input: "hello\n")
        #expect(produced.status == 0, "\(produced.error)")
        let printed = try await sluice(["exec", "--data", data, "PRINT 'plain' FROM BEGINNING LIMIT 1;"], in: scratch.path)
        #expect(printed.status == 0, "\(printed.error)")
        #expect(printed.output.contains("Value format: KAFKA_STRING\nrowtime: "), "\(printed.output)")
        #expect(printed.output.contains(", key: <null>, value: hello, partition: "))
    }
}

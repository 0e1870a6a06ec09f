// SPDX-License-Identifier: Apache-2.0
import Foundation
import SluiceTestSupport
import Testing

@testable import SluiceLog

/// The `sluice topic`, `produce` and `print` commands, run as a user would.
@Suite struct CLITests {
    @Test func produceJSONWithKeysAndTimestampsThenPrint() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = ["--data", directory.path]
        #expect(
            try runSluice(["topic", "create", "clicks", "--partitions", "3"] + data).output
                == "created topic clicks with 3 partitions\n")
        let partition42 = LogStore.partition(forKey: [0, 0, 0, 42], partitionCount: 3)
        let other = try #require(
            (1..<100).first { LogStore.partition(forKey: [0, 0, 0, UInt8($0)], partitionCount: 3) != partition42 })
        let input = """
            {"user": 42, "page": "/home", "ts": 1795600800000}
            {"user": 42, "page": "/cart", "ts": 1795600801500}
            {"user": \(other), "page": "/home", "ts": 1795600802000}

            """
        let produced = try runSluice(
            ["produce", "clicks", "--key-field", "user", "--key-format", "int", "--timestamp-field", "ts"] + data,
            input: input)
        #expect(produced.status == 0)
        #expect(produced.output.hasPrefix("wrote 3 records to clicks in "))
        let printed = try runSluice(["print", "clicks", "--from-beginning", "--partition", String(partition42)] + data)
        #expect(printed.status == 0)
        #expect(
            printed.output == """
                Key format: KAFKA_INT or KAFKA_STRING
                Value format: JSON or KAFKA_STRING
                rowtime: 2026/11/25 10:00:00.000 Z, key: 42, value: {"user": 42, "page": "/home", "ts": 1795600800000}, partition: \(partition42), offset: 0
                rowtime: 2026/11/25 10:00:01.500 Z, key: 42, value: {"user": 42, "page": "/cart", "ts": 1795600801500}, partition: \(partition42), offset: 1

                """)
        let fromTime = try runSluice(
            ["print", "clicks", "--from-time", "2026-11-25T10:00:01Z", "--partition", String(partition42)] + data)
        #expect(fromTime.output.components(separatedBy: "\n").filter { $0.hasPrefix("rowtime") }.count == 1)
        let limited = try runSluice(["print", "clicks", "--from-beginning", "--limit", "2"] + data)
        #expect(limited.output.components(separatedBy: "\n").filter { $0.hasPrefix("rowtime") }.count == 2)
    }

    @Test func dataDirectoryOptionsMayComeBeforeTheCommand() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        #expect(try runSluice(["--data", directory.path, "--sync", "always", "topic", "create", "early"]).status == 0)
        #expect(try runSluice(["--data=\(directory.path)", "topic", "list"]).output == "early\n")
        let produced = try runSluice(["--data", directory.path, "produce", "early", "--format", "raw"], input: "x\n")
        #expect(produced.status == 0)
        let printed = try runSluice(["--data", directory.path, "print", "early", "--from-beginning", "--limit", "1"])
        #expect(printed.output.contains("value: x,"))
    }

    @Test func produceWritesEachLineOnceNoMoreInputIsWaiting() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = try runSluice(["topic", "create", "lines", "--data", directory.path])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try sluiceBinary())
        process.arguments = ["produce", "lines", "--format", "raw", "--data", directory.path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { process.waitUntilExit() }
        input.fileHandleForWriting.write(Data("first line\n".utf8))
        let segment = directory.path + "/topics/lines/0/00000000000000000000.log"
        var written = 0
        for _ in 0..<100 where written == 0 {
            written = (try? FileManager.default.attributesOfItem(atPath: segment)[.size] as? Int) ?? 0
            if written == 0 { usleep(50_000) }
        }
        #expect(written > 0, "the line is in the log while the input is still open")
        try input.fileHandleForWriting.close()
    }

    @Test func printStartsFromTheEndWithANegativeOffsetAndReadsZonelessTimesAsUTC() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = ["--data", directory.path]
        _ = try runSluice(["topic", "create", "t"] + data)
        let input = (0..<3).map { "{\"ts\": \(1_795_600_800_000 + $0 * 1000)}\n" }.joined()
        _ = try runSluice(["produce", "t", "--timestamp-field", "ts"] + data, input: input)
        let rows = { (arguments: [String]) throws -> [String] in
            try runSluice(["print", "t", "--limit", "5"] + arguments + data).output
                .components(separatedBy: "\n").filter { $0.hasPrefix("rowtime") }
        }
        #expect(try rows(["--offset", "-1"]).map { $0.hasSuffix("offset: 2") } == [true])
        #expect(try rows(["--from-time", "2026-11-25T10:00:01"]).count == 2)
        #expect(try rows(["--from-time", "2026-11-25 11:00:02+01:00"]).count == 1)
        #expect(try runSluice(["print", "t", "--from-time", "2026-11-25T10:00:01 tomorrow"] + data).status != 0)
    }

    @Test func printedKeysAgreeWithTheKeyFormatHeader() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = ["--data", directory.path]
        _ = try runSluice(["topic", "create", "k"] + data)
        // "lime" alone could be a KAFKA_INT; "banana" rules that out for the whole batch.
        _ = try runSluice(["produce", "k", "--key-field", "k"] + data, input: "{\"k\":\"lime\"}\n{\"k\":\"banana\"}\n")
        let printed = try runSluice(["print", "k", "--from-beginning", "--limit", "2"] + data).output
        #expect(printed.hasPrefix("Key format: KAFKA_STRING\n"))
        #expect(printed.contains("key: lime,"))
    }

    @Test func printShowsWhatItReadBeforeACorruptBatch() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = ["--data", directory.path]
        _ = try runSluice(["topic", "create", "t"] + data)
        for batch in 0..<3 { _ = try runSluice(["produce", "t"] + data, input: "{\"batch\": \(batch)}\n") }
        let segment = directory.path + "/topics/t/0/00000000000000000000.log"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: segment)))
        let batchSize = bytes.count / 3
        bytes[batchSize + batchSize / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        let printed = try runSluice(["print", "t", "--from-beginning", "--limit", "3"] + data)
        #expect(printed.status == 1)
        #expect(printed.output.contains(#"value: {"batch": 0}"#))
        #expect(printed.error.contains("corrupt batch in t-0 at offset 1"))
    }

    @Test func aScanShowsTheRowsBeforeACorruptBatchAndFails() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = ["--data", directory.path]
        _ = try runSluice(["exec", "CREATE STREAM s (v INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);"] + data)
        for value in 1...3 { _ = try runSluice(["exec", "INSERT INTO s (v) VALUES (\(value));"] + data) }
        let segment = directory.path + "/topics/s/0/00000000000000000000.log"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: segment)))
        bytes[bytes.count / 3 + bytes.count / 6] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        let scanned = try runSluice(["exec", "SELECT * FROM s;"] + data)
        #expect(scanned.status == 1)
        #expect(scanned.output.contains("|1|"))
        #expect(scanned.error.contains("corrupt batch in s-0 at offset 1"))
    }

    @Test func aScanInANewProcessSeesWhatTheQueriesMakeOfEarlierInserts() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = ["--data", directory.path]
        _ = try runSluice(["exec", """
            CREATE STREAM a (k INT KEY, v INT) WITH (kafka_topic='a', value_format='JSON', partitions=1);
            CREATE STREAM b AS SELECT k, v + 1 AS w FROM a;
            """] + data)
        _ = try runSluice(["exec", "INSERT INTO a (k, v) VALUES (1, 1);"] + data)
        // The query runs only while a process has the directory open: the scan waits for it to catch up.
        let scanned = try runSluice(["exec", "SELECT * FROM b;"] + data)
        #expect(scanned.output.contains("|1|2|"))
    }

    @Test func readingCommandsDoNotCreateAMistypedDataDirectory() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.path + "/typo"
        let listed = try runSluice(["topic", "list", "--data", missing])
        #expect(listed.status == 1)
        #expect(listed.error.contains("no data directory at \(missing)"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func badLinesStopOrAreSkipped() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = ["--data", directory.path]
        _ = try runSluice(["topic", "create", "t"] + data)
        let input = "{\"a\":1}\n{\"a\":2}\n[1,2]\n{\"a\":3}\n{\"a\": tru}\n"
        let stopped = try runSluice(["produce", "t"] + data, input: input)
        #expect(stopped.status == 1)
        #expect(stopped.output.hasPrefix("wrote 2 records"))
        #expect(
            stopped.error == """
                line 3: column 1: expected a JSON object, found '['
                error: stopped at line 3; nothing after it was written

                """)
        let skipped = try runSluice(["produce", "t", "--on-error", "skip"] + data, input: input)
        #expect(skipped.status == 0)
        #expect(skipped.output.contains("wrote 3 records") && skipped.output.contains("skipped 2 bad lines"))
        #expect(skipped.error.contains("line 5: column 7: expected a JSON value, found 't'"))
        let values = try runSluice(["print", "t", "--from-beginning"] + data).output
            .components(separatedBy: "\n").filter { $0.hasPrefix("rowtime") }.map {
                $0.components(separatedBy: "value: ")[1]
            }
        #expect(
            values == [
                #"{"a":1}, partition: 0, offset: 0"#, #"{"a":2}, partition: 0, offset: 1"#,
                #"{"a":1}, partition: 0, offset: 2"#,
                #"{"a":2}, partition: 0, offset: 3"#, #"{"a":3}, partition: 0, offset: 4"#,
            ])
    }

    @Test func csvAndRawLinesAndKeyFormats() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = ["--data", directory.path]
        _ = try runSluice(["topic", "create", "rows"] + data)
        #expect(
            try runSluice(
                ["produce", "rows", "--format", "csv", "--key-field", "2", "--key-format", "bigint"] + data,
                input: "a,\"1\",x\nb,2,\"y,z\"\n"
            ).status == 0)
        _ = try runSluice(["topic", "create", "doubles"] + data)
        #expect(
            try runSluice(
                ["produce", "doubles", "--format", "raw", "--key", "1.5", "--key-format", "double"] + data,
                input: "anything at all\n"
            ).status == 0)
        let bad = try runSluice(
            ["produce", "rows", "--format", "csv", "--key-field", "2", "--key-format", "int"] + data,
            input: "a,b\n")
        #expect(bad.error.contains("line 1: expected an INT key, found 'b'"))
        let printed = try runSluice(["print", "rows", "--from-beginning"] + data).output
        #expect(printed.contains("key: 1, value: a,\"1\",x, partition: 0, offset: 0"))
        #expect(printed.contains("key: 2, value: b,2,\"y,z\""))
        #expect(printed.hasPrefix("Key format: KAFKA_BIGINT or KAFKA_DOUBLE or KAFKA_STRING\n"))
        // As in ksqlDB, eight bytes read as a BIGINT first; only the DOUBLE reading of 1.5 is sensible here,
        // but the guess cannot know that.
        let doubles = try runSluice(["print", "doubles", "--from-beginning"] + data).output
        #expect(doubles.contains("key: 4609434218613702656, value: anything at all"))
    }

    @Test func topicCommandsAndTheirErrors() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = ["--data", directory.path]
        let bad = try runSluice(["topic", "create", "no/slash"] + data)
        #expect(bad.status == 2)
        #expect(bad.error == "error: invalid topic name 'no/slash': contains '/'\n")
        _ = try runSluice(
            ["topic", "create", "b", "--compact", "--retention-ms", "1000", "--property", "format=JSON"] + data)
        _ = try runSluice(["topic", "create", "a"] + data)
        #expect(try runSluice(["topic", "list"] + data).output == "a\nb\n")
        let described = try runSluice(["topic", "describe", "b"] + data).output
        #expect(
            described.hasPrefix(
                """
                Topic:       b
                Partitions:  1
                Retention:   1000 ms
                Compaction:  on (tombstones kept 86400000 ms)
                Properties:  format=JSON

                PARTITION  START  END  STABLE  BYTES  SEGMENTS  FIRST TIMESTAMP  LAST TIMESTAMP
                0          0      0    0       0      1         -                -
                """))
        #expect(try runSluice(["topic", "delete", "a"] + data).output == "deleted topic a\n")
        let missing = try runSluice(["topic", "describe", "a"] + data)
        #expect(missing.status == 2 && missing.error == "error: unknown topic 'a'\n")
    }

    @Test func verifyFindsAndRepairCutsAFlippedByte() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = ["--data", directory.path]
        _ = try runSluice(["topic", "create", "t"] + data)
        let lines = (0..<300).map { "{\"n\":\($0)}" }.joined(separator: "\n") + "\n"
        // Three separate runs make three batches.
        for _ in 0..<3 { _ = try runSluice(["produce", "t"] + data, input: lines) }
        #expect(
            try runSluice(["topic", "verify", "t"] + data).output
                == "partition 0: ok (1 segments, 3 batches, 900 records, "
                + "\(try FileManager.default.attributesOfItem(atPath: directory.path + "/topics/t/0/00000000000000000000.log")[.size] as! Int) bytes)\n"
        )
        let segment = directory.path + "/topics/t/0/00000000000000000000.log"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: segment)))
        bytes[500] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        let verified = try runSluice(["topic", "verify", "t"] + data)
        #expect(verified.status == 1)
        #expect(verified.output == "partition 0: bad batch at offset 0 (segment 0, position 0): checksum mismatch\n")
        let repaired = try runSluice(["topic", "repair", "t"] + data)
        #expect(repaired.status == 0)
        #expect(repaired.output == "partition 0: truncated at offset 0 (checksum mismatch); dropped 900 records\n")
        #expect(try runSluice(["topic", "verify", "t"] + data).status == 0)
    }
}

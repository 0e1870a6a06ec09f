import Foundation
import SluiceCore
import SluiceEngine
import SluiceLog
import Testing

/// Engine behaviour across restarts, bad records and corrupt data, driven in deterministic mode.
@Suite struct EngineTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-engine-\(UUID().uuidString)").path

    func open() throws -> Engine {
        try Engine(options: EngineOptions(dataDirectory: directory, execution: .deterministic,
                                          log: LogStoreOptions(syncMode: .never)))
    }

    /// Runs statements and returns each outcome's text (messages, or errors as the user sees them).
    @discardableResult
    func run(_ engine: Engine, _ sql: String, session: Session = Session()) -> [String] {
        var lines: [String] = []
        engine.execute(sql, name: "<test>", session: session, stopOnError: false) { outcome in
            switch outcome.result {
            case .success(.message(let message)): lines.append(message)
            case .success(.table(_, _, let rows)): lines += rows.map { $0.joined(separator: "|") }
            case .success(.text(let text)): lines.append(text)
            case .success(.stream): lines.append("(stream)")
            case .success(.results(let results)): lines.append("(\(results.count) results)")
            case .success(.rows(let columns, let rows, _)):
                lines += rows.map { row in zip(row, columns).map { ValueRenderer.text($0, $1.type) }.joined(separator: "|") }
            case .failure(let error): lines.append("ERROR " + error.message)
            }
        }
        return lines
    }

    func values(_ engine: Engine, _ topic: String) throws -> [String] {
        var values: [String] = []
        for partition in 0..<(try engine.store.partitionCount(of: topic)) {
            let topicPartition = TopicPartition(topic, partition)
            let fetch = try engine.store.read(topicPartition, from: 0, isolation: .readCommitted)
            try fetch.forEach { values.append($0.value.map { String(decoding: $0, as: UTF8.self) } ?? "null") }
        }
        return values
    }

    @Test func persistentQueriesResumeAfterARestartWithoutRepeatingOutput() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let engine = try open()
            run(engine, """
                CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);
                CREATE STREAM t AS SELECT id, v * 10 AS v FROM s;
                INSERT INTO s (id, v) VALUES (1, 1);
                """)
            engine.runUntilIdle()
            #expect(try values(engine, "T") == ["{\"V\":10}"])
            engine.close()
        }
        let engine = try open()
        defer { engine.close() }
        #expect(engine.catalog.queries.count == 1)
        run(engine, "INSERT INTO s (id, v) VALUES (2, 2);")
        engine.runUntilIdle()
        #expect(try values(engine, "T") == ["{\"V\":10}", "{\"V\":20}"])
    }

    @Test func badRecordsGoToTheProcessingLogAndTheQueryKeepsRunning() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try open()
        defer { engine.close() }
        run(engine, """
            CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);
            CREATE STREAM t AS SELECT id, v FROM s;
            """)
        _ = try engine.store.append([
            ProducerRecord(key: [0, 0, 0, 1], value: Array("{\"V\": 1}".utf8)),
            ProducerRecord(key: [0, 0, 0, 2], value: Array("not json".utf8)),
            ProducerRecord(key: [0, 0, 0, 3], value: Array("{\"V\": 3}".utf8)),
        ], to: "s")
        engine.runUntilIdle()
        #expect(try values(engine, "T") == ["{\"V\":1}", "{\"V\":3}"])
        let id = try #require(engine.catalog.queries.keys.first)
        #expect(engine.processingLogCount(id) == 1)
        let logged = try values(engine, "sluice_processing_log")
        #expect(logged.count == 1)
        #expect(logged.first?.contains("\"offset\":1") == true)
        #expect(logged.first?.contains("deserialization") == true)
        let queries = run(engine, "SHOW QUERIES;")
        #expect(queries.first?.contains("|1|") == true, "SHOW QUERIES shows the error count: \(queries)")
    }

    func keys(_ engine: Engine, _ topic: String) throws -> [String] {
        var keys: [String] = []
        let fetch = try engine.store.read(TopicPartition(topic, 0), from: 0, isolation: .readCommitted)
        try fetch.forEach { keys.append($0.key.map { String(decoding: $0, as: UTF8.self) } ?? "null") }
        return keys
    }

    @Test func aNullKeyStaysNullUnlessPartitionByGivesANewOne() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try open()
        defer { engine.close() }
        run(engine, """
            CREATE STREAM s (k1 STRING KEY, k2 STRING KEY, v INT) WITH (kafka_topic='s', format='JSON', partitions=1);
            CREATE STREAM copied AS SELECT * FROM s;
            CREATE STREAM rekeyed AS SELECT * FROM s PARTITION BY k1, k2;
            """)
        _ = try engine.store.append([
            ProducerRecord(key: Array(#"{"K1":"a","K2":"b"}"#.utf8), value: Array(#"{"V":1}"#.utf8)),
            ProducerRecord(key: nil, value: Array(#"{"V":2}"#.utf8)),
        ], to: "s")
        engine.runUntilIdle()
        // ksqlDB passes a record's null key through; only a new key (PARTITION BY) is encoded.
        #expect(try keys(engine, "COPIED") == [#"{"K1":"a","K2":"b"}"#, "null"])
        #expect(try keys(engine, "REKEYED") == [#"{"K1":"a","K2":"b"}"#, #"{"K1":null,"K2":null}"#])
    }

    @Test func windowedSourcesExposeTheirBoundsAndKeepThemInTheSink() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try open()
        defer { engine.close() }
        func sessionKey(_ key: String, start: Int64, end: Int64) -> [UInt8] {
            var bytes = Array(key.utf8)
            withUnsafeBytes(of: end.bigEndian) { bytes += $0 }
            withUnsafeBytes(of: start.bigEndian) { bytes += $0 }
            return bytes
        }
        run(engine, """
            CREATE STREAM s (k STRING KEY, v INT) WITH (kafka_topic='s', value_format='JSON', window_type='SESSION', partitions=1);
            CREATE STREAM late AS SELECT k, v, WINDOWEND - WINDOWSTART AS span FROM s WHERE WINDOWSTART >= 1000;
            """)
        #expect(run(engine, "INSERT INTO s (k, v) VALUES ('a', 1);") == ["ERROR Cannot insert values into windowed stream: S"])
        _ = try engine.store.append([
            ProducerRecord(key: sessionKey("a", start: 500, end: 900), value: Array(#"{"V":1}"#.utf8)),
            ProducerRecord(key: sessionKey("b", start: 1000, end: 1500), value: Array(#"{"V":2}"#.utf8)),
            ProducerRecord(key: Array("short".utf8), value: Array(#"{"V":3}"#.utf8)),
        ], to: "s")
        engine.runUntilIdle()
        #expect(try values(engine, "LATE") == [#"{"V":2,"SPAN":500}"#])
        let fetch = try engine.store.read(TopicPartition("LATE", 0), from: 0, isolation: .readCommitted)
        var keys: [[UInt8]] = []
        try fetch.forEach { record in keys.append(record.key.map { Array($0) } ?? []) }
        #expect(keys == [sessionKey("b", start: 1000, end: 1500)], "the sink's keys are windowed like the source's")
        let id = try #require(engine.catalog.queries.keys.first)
        #expect(engine.processingLogCount(id) == 1, "a key too short for its window bounds is a bad record")
    }

    @Test func aCreateAsSelectThatCannotRunAppliesNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try open()
        defer { engine.close() }
        run(engine, "CREATE STREAM events (id INT KEY, stamp STRING) WITH (kafka_topic='events', value_format='JSON', partitions=1);")
        let failed = run(engine, "CREATE STREAM stamped WITH (timestamp='stamp', timestamp_format='yyyy-bb') AS SELECT * FROM events;")
        #expect(failed.first?.hasPrefix("ERROR") == true)
        #expect(engine.catalog.source(named: "STAMPED") == nil)
        #expect(engine.catalog.queries.isEmpty)
        #expect(!engine.store.hasTopic("STAMPED"))
    }

    @Test func aSourceThatLostRecordsBelowTheQueryPositionIsReportedAndReadOnFromItsEnd() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let engine = try open()
            run(engine, """
                CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);
                CREATE STREAM t AS SELECT id, v FROM s;
                INSERT INTO s (id, v) VALUES (1, 1);
                INSERT INTO s (id, v) VALUES (2, 2);
                INSERT INTO s (id, v) VALUES (3, 3);
                """)
            engine.runUntilIdle()
            // The source loses its records (as a cut at recovery would): the query's position is past its end.
            try engine.store.deleteTopic("s")
            try engine.store.createTopic("s", config: TopicConfig(partitions: 1))
            engine.close()
        }
        let engine = try open()
        defer { engine.close() }
        run(engine, "INSERT INTO s (id, v) VALUES (4, 4);")
        engine.runUntilIdle()
        #expect(try values(engine, "T") == [#"{"V":1}"#, #"{"V":2}"#, #"{"V":3}"#, #"{"V":4}"#], "new records are not skipped")
        let id = try #require(engine.catalog.queries.keys.first)
        #expect(engine.processingLogCount(id) == 1, "the jump is reported")
    }

    @Test func limitZeroReturnsNothingAndWindowedSourcesSayTheyAre() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try open()
        defer { engine.close() }
        run(engine, """
            CREATE STREAM s (v INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);
            INSERT INTO s (v) VALUES (1);
            CREATE STREAM w (k STRING KEY, v INT) WITH (kafka_topic='w', value_format='JSON', partitions=1,
                window_type='TUMBLING', window_size='10 SECONDS');
            """)
        #expect(run(engine, "SELECT * FROM s LIMIT 0;").isEmpty)
        #expect(run(engine, "SHOW STREAMS;").contains("W|w|KAFKA|JSON|true"))
        #expect(run(engine, "DESCRIBE w;").first?.contains("(key) (Window type: TUMBLING)") == true)
    }

    @Test func aSourceCutByRepairWhileTheQueryRunsIsFollowedBackToTheCut() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try open()
        defer { engine.close() }
        run(engine, """
            CREATE STREAM s (id INT KEY, v STRING) WITH (kafka_topic='s', value_format='JSON', partitions=1);
            CREATE STREAM t AS SELECT id, v FROM s;
            INSERT INTO s (id, v) VALUES (1, 'one');
            INSERT INTO s (id, v) VALUES (2, 'two');
            INSERT INTO s (id, v) VALUES (3, 'three');
            """)
        engine.runUntilIdle()
        // Damage the second record on disk, repair the topic (cut at offset 1), append a new record.
        let segment = directory + "/topics/s/0/00000000000000000000.log"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: segment)))
        let needle = Array("two".utf8)
        let at = try #require((0..<bytes.count - needle.count).first { Array(bytes[$0..<$0 + needle.count]) == needle })
        bytes[at] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        #expect(try engine.store.repair(topic: "s").first?.droppedRecords == 2)
        run(engine, "INSERT INTO s (id, v) VALUES (4, 'four');")
        engine.runUntilIdle()
        #expect(try values(engine, "T") == [#"{"V":"one"}"#, #"{"V":"two"}"#, #"{"V":"three"}"#, #"{"V":"four"}"#])
        let id = try #require(engine.catalog.queries.keys.first)
        #expect(engine.processingLogCount(id) == 1, "the cut is reported")
    }

    @Test func aCorruptSourceBatchStopsTheQueryWithAnErrorNamingIt() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let engine = try open()
            // Small segments, so the damaged batch sits in an older segment, not in a tail that
            // recovery would cut.
            try engine.store.createTopic("s", config: TopicConfig(partitions: 1, segmentBytes: 1024))
            run(engine, "CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON');")
            for index in 0..<40 {
                let value = index == 3 ? "{\"V\": 12345}" : "{\"V\": \(index)}"
                _ = try engine.store.append([ProducerRecord(key: [0, 0, 0, 1], value: Array(value.utf8))], to: "s")
            }
            engine.close()
        }
        let segments = try FileManager.default.contentsOfDirectory(atPath: directory + "/topics/s/0")
            .filter { $0.hasSuffix(".log") }.sorted()
        #expect(segments.count > 2)
        let segment = directory + "/topics/s/0/" + segments[0]
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: segment)))
        let needle = Array("12345".utf8)
        let at = try #require((0..<bytes.count - needle.count).first { Array(bytes[$0..<$0 + needle.count]) == needle })
        bytes[at] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: segment))

        let engine = try open()
        defer { engine.close() }
        run(engine, "SET 'auto.offset.reset'='earliest'; CREATE STREAM t AS SELECT id, v FROM s;")
        engine.runUntilIdle()
        engine.runUntilIdle()
        let id = try #require(engine.catalog.queries.keys.first)
        let job = try #require(engine.job(id))
        guard case .error(let message) = job.status else {
            Issue.record("the query should have stopped with ERROR, it is \(job.status)")
            return
        }
        #expect(message.contains("s") && message.contains("partition 0") && message.contains("offset 3"), "\(message)")
        // What came before the damage reached the sink (committed), and the job does not restart by itself.
        #expect(try values(engine, "T") == ["{\"V\":0}", "{\"V\":1}", "{\"V\":2}"])
    }

    @Test func aStreamReadByAQueryCannotBeDropped() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try open()
        defer { engine.close() }
        let lines = run(engine, """
            CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);
            CREATE STREAM t AS SELECT id, v FROM s;
            DROP STREAM s;
            """)
        #expect(lines.last?.hasPrefix("ERROR Cannot drop S.") == true)
        #expect(lines.last?.contains("CSAS_T_0") == true)
    }

    @Test func aTornCommandLogTailIsCutAndReported() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let engine = try open()
            run(engine, "CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);")
            engine.close()
        }
        let path = directory + "/commands.log"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("0badc0de {\"sequence\":2,\"app".utf8))
        try handle.close()
        let engine = try open()
        defer { engine.close() }
        #expect(engine.catalog.source(named: "S") != nil)
        #expect(engine.recoveryReports.contains { $0.contains("commands.log") && $0.contains("dropped") })
    }
}

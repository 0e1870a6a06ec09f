// SPDX-License-Identifier: Apache-2.0
import Testing

@testable import SluiceLog

@Suite struct AppendReadTests {
    @Test func appendsAndReadsBack() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try LogStore(directory: directory.path, options: testOptions())
        defer { try? store.close() }
        try store.createTopic("events", config: TopicConfig(partitions: 2))
        let partition = TopicPartition("events", 1)
        #expect(try store.appendStrings([("a", "1"), (nil, "2"), ("c", nil)], to: partition) == 0)
        let builder = RecordBatchBuilder()
        builder.append(
            key: Array("h".utf8), value: Array("4".utf8), timestamp: 5, headers: [RecordHeader("trace", [9])])
        #expect(try store.append(builder, to: partition) == 3)
        let records = try store.records(partition)
        #expect(records.map(\.description) == ["0:a=1", "1:nil=2", "2:c=nil", "3:h=4"])
        #expect(records[3].headers == [RecordHeader("trace", [9])])
        #expect(records[3].timestamp == 5)
        // Reading from inside a batch skips the records before the requested offset.
        #expect(try store.records(partition, from: 1).map(\.offset) == [1, 2, 3])
        #expect(try store.endOffset(partition) == 4)
        #expect(try store.startOffset(partition) == 0)
        #expect(try store.records(TopicPartition("events", 0)).isEmpty)
        #expect(throws: LogError.self) { try store.read(partition, from: 5) }
        #expect(throws: LogError.unknownPartition(topic: "events", partition: 2)) {
            try store.read(TopicPartition("events", 2), from: 0)
        }
    }

    @Test func rollsSegmentsAndFindsOffsetsThroughTheIndex() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let options = testOptions(segmentBytes: 4096, indexInterval: 256)
        let partition = TopicPartition("t", 0)
        do {
            let store = try LogStore(directory: directory.path, options: options)
            try store.createTopic("t")
            for batch in 0..<200 {
                try store.appendStrings(
                    (0..<5).map { ("k\(batch)-\($0)", String(repeating: "v", count: 20)) }, to: partition,
                    timestamp: Int64(batch * 10))
            }
            let description = try store.describe("t").partitions[0]
            #expect(description.segmentCount > 10)
            #expect(description.endOffset == 1000)
            #expect(description.firstTimestamp == 0 && description.lastTimestamp == 1990)
            try store.close()
        }
        let store = try LogStore(directory: directory.path, options: options)
        defer { try? store.close() }
        for start: Int64 in [0, 1, 4, 5, 333, 998, 999] {
            let records = try store.records(partition, from: start, maxBytes: 300)
            #expect(records.first?.offset == start)
            #expect(records.count == Int(1000 - start))
            #expect(records.map(\.offset) == Array(start..<1000))
        }
        #expect(try store.offset(forTimestamp: 0, in: partition) == 0)
        #expect(try store.offset(forTimestamp: 1, in: partition) == 5)
        #expect(try store.offset(forTimestamp: 995, in: partition) == 500)
        #expect(try store.offset(forTimestamp: 1990, in: partition) == 995)
        #expect(try store.offset(forTimestamp: 1991, in: partition) == nil)
        #expect(store.recoveryReports.allSatisfy { $0.cleanShutdown && !$0.repairedAnything })
        // Appends continue after a reopen.
        #expect(try store.appendStrings([("x", "y")], to: partition) == 1000)
    }

    @Test func convenienceAppendPartitionsByKeyLikeKafka() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try LogStore(directory: directory.path, options: testOptions())
        defer { try? store.close() }
        try store.createTopic("keyed", config: TopicConfig(partitions: 10))
        let positions = try store.append(
            [
                ProducerRecord(key: Array("foobar".utf8), value: Array("1".utf8)),
                ProducerRecord(key: Array("foobar".utf8), value: Array("2".utf8)),
                ProducerRecord(value: Array("3".utf8), partition: 2),
            ], to: "keyed")
        #expect(
            positions == [
                RecordPosition(partition: 6, offset: 0), RecordPosition(partition: 6, offset: 1),
                RecordPosition(partition: 2, offset: 0),
            ])
    }

    @Test func consumerOffsetsSurviveReopen() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try LogStore(directory: directory.path, options: testOptions(sync: .always))
            try store.createTopic("a", config: TopicConfig(partitions: 2))
            try store.commitOffsets(consumer: "job", [TopicPartition("a", 0): 5, TopicPartition("a", 1): 7])
            try store.commitOffsets(consumer: "job", [TopicPartition("a", 0): 9])
            try store.commitOffsets(consumer: "other", [TopicPartition("a", 0): 1])
            store.simulateCrash()
        }
        let store = try LogStore(directory: directory.path, options: testOptions())
        defer { try? store.close() }
        #expect(store.committedOffsets(consumer: "job") == [TopicPartition("a", 0): 9, TopicPartition("a", 1): 7])
        #expect(store.committedOffsets(consumer: "other") == [TopicPartition("a", 0): 1])
        try store.deleteTopic("a")
        #expect(store.committedOffsets(consumer: "job").isEmpty)
    }

    @Test(arguments: [
        "", String(repeating: "x", count: 250), "a/b", "..", "a..b", ".", "sp ace", "ünï", "a*b", "tab\t",
    ])
    func rejectsBadTopicNames(name: String) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try LogStore(directory: directory.path, options: testOptions())
        defer { try? store.close() }
        #expect(throws: LogError.self) { try store.createTopic(name) }
        #expect(store.topicNames.isEmpty)
    }

    @Test func acceptsGoodTopicNamesAndKeepsMetadata() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let long = String(repeating: "x", count: 249)
        let config = TopicConfig(
            partitions: 3, retentionMs: 60_000, retentionBytes: 1 << 20, compact: true, properties: ["format": "JSON"])
        do {
            let store = try LogStore(directory: directory.path, options: testOptions())
            for name in ["a", "A-b_c.d", long, ".hidden", "_confluent-ksql"] {
                try store.createTopic(name, config: config)
            }
            #expect(throws: LogError.topicAlreadyExists("a")) { try store.createTopic("a") }
            try store.alterTopic("a") { $0.properties["owner"] = "q1" }
            try store.close()
        }
        let store = try LogStore(directory: directory.path, options: testOptions())
        defer { try? store.close() }
        #expect(store.topicNames == [".hidden", "A-b_c.d", "_confluent-ksql", "a", long])
        #expect(try store.topicConfig(long) == config)
        #expect(try store.topicConfig("a").properties == ["format": "JSON", "owner": "q1"])
        try store.deleteTopic("a")
        #expect(!store.hasTopic("a"))
        #expect(throws: LogError.unknownTopic("a")) { try store.deleteTopic("a") }
    }
}

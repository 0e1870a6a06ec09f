// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

@testable import SluiceLog

@Suite struct RetentionTests {
    let partition = TopicPartition("t", 0)

    @Test func sizeRetentionDeletesTheOldestSegments() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try LogStore(
            directory: directory.path, options: testOptions(segmentBytes: 2048, indexInterval: 256))
        defer { try? store.close() }
        try store.createTopic("t", config: TopicConfig(retentionBytes: 8192))
        for index in 0..<200 {
            try store.appendStrings([(nil, "value-\(index)-" + String(repeating: "x", count: 50))], to: partition)
        }
        let before = try store.describe("t").partitions[0]
        let deleted = try store.enforceRetention()
        let after = try store.describe("t").partitions[0]
        #expect(deleted > 0)
        #expect(after.segmentCount == before.segmentCount - deleted)
        #expect(after.bytes <= 8192 + 2048 && after.bytes >= 8192 - 2048)
        #expect(after.startOffset > 0)
        #expect(try store.records(partition).first?.offset == after.startOffset)
        #expect(throws: LogError.self) { try store.read(partition, from: 0) }
        #expect(try store.records(partition).last?.offset == 199)
    }

    @Test func timeRetentionDeletesExpiredSegmentsIncludingAnIdleActiveOne() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualClock()
        let store = try LogStore(
            directory: directory.path, options: testOptions(clock: clock, segmentBytes: 2048, indexInterval: 256))
        defer { try? store.close() }
        try store.createTopic("t", config: TopicConfig(retentionMs: 60_000))
        let now = clock.milliseconds
        for index in 0..<60 {
            try store.appendStrings(
                [(nil, "old-\(index)-" + String(repeating: "x", count: 40))], to: partition, timestamp: now - 120_000)
        }
        for index in 0..<3 { try store.appendStrings([(nil, "new-\(index)")], to: partition, timestamp: now) }
        try store.enforceRetention()
        #expect(try store.records(partition).map { $0.value! }.filter { $0.hasPrefix("old") }.count < 60)
        #expect(try store.records(partition).suffix(3).map { $0.value! } == ["new-0", "new-1", "new-2"])
        clock.advance(by: 61_000)
        try store.enforceRetention()
        let description = try store.describe("t").partitions[0]
        #expect(description.startOffset == 63 && description.endOffset == 63)
        #expect(try store.records(partition).isEmpty)
        #expect(try store.appendStrings([(nil, "fresh")], to: partition, timestamp: clock.milliseconds) == 63)
    }
}

@Suite struct CompactionTests {
    let partition = TopicPartition("table", 0)

    func populate(_ store: LogStore) throws {
        try store.createTopic("table", config: TopicConfig(compact: true, tombstoneRetentionMs: 3_600_000))
        for round in 0..<20 {
            try store.appendStrings((0..<10).map { ("k\($0)", "v\(round)-\($0)") }, to: partition)
        }
        try store.appendStrings([("k3", nil)], to: partition)  // a tombstone for k3
        for index in 0..<30 {
            try store.appendStrings([("filler\(index % 3)", String(repeating: "f", count: 60))], to: partition)
        }
    }

    @Test func keepsTheLatestValuePerKeyAndTombstonesUntilTheyExpire() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualClock()
        let options = testOptions(clock: clock, segmentBytes: 1024, indexInterval: 128)
        let store = try LogStore(directory: directory.path, options: options)
        try populate(store)
        let before = try store.records(partition)
        let result = try #require(try store.compact(topic: "table")[partition])
        #expect(result.recordsRemoved > 180)
        #expect(result.bytesAfter < result.bytesBefore / 3)
        let after = try store.records(partition)
        // Every surviving record is the last one for its key, at its original offset.
        var lastOffset: [String: Int64] = [:]
        for record in before { lastOffset[record.key!] = record.offset }
        let activeBase = after.last!.offset
        for record in after where record.offset < activeBase - 10 {
            #expect(lastOffset[record.key!] == record.offset, "\(record)")
        }
        #expect(after.contains { $0.key == "k3" && $0.value == nil })
        #expect(Set(after.map(\.key)).isSuperset(of: (0..<10).map { "k\($0)" }))
        #expect(after.first { $0.key == "k5" }?.value == "v19-5")
        #expect(try store.verify(topic: "table").first?.problem == nil)

        // Past the tombstone retention the delete marker goes too.
        clock.advance(by: 3_600_001 + 10)
        let second = try #require(try store.compact(topic: "table")[partition])
        #expect(second.tombstonesRemoved == 1)
        // The first pass shrank the segments; the second merges them.
        #expect(second.segmentsAfter < second.segmentsBefore)
        #expect(!(try store.records(partition)).contains { $0.key == "k3" })
        try store.close()

        // Compacted segments reopen cleanly, and a full unclean recovery accepts their offset gaps.
        let reopened = try LogStore(directory: directory.path, options: options)
        let compacted = try reopened.records(partition)
        #expect(compacted.count == after.count - 1)
        reopened.simulateCrash()
        try FileManager.default.removeItem(atPath: directory.path + "/topics/table/0/recovery-point")
        let recovered = try LogStore(directory: directory.path, options: options)
        defer { try? recovered.close() }
        #expect(try recovered.records(partition) == compacted)
        #expect(recovered.recoveryReports.first?.truncatedBytes == 0)
    }

    @Test func dropsAbortedTransactionsAndMarkers() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try LogStore(
            directory: directory.path, options: testOptions(segmentBytes: 1024, indexInterval: 128))
        defer { try? store.close() }
        try store.createTopic("table", config: TopicConfig(compact: true))
        let producer = try store.transactionalProducer(id: "writer")
        try producer.begin()
        let builder = RecordBatchBuilder()
        builder.append(key: Array("aborted".utf8), value: Array("x".utf8), timestamp: 1)
        _ = try producer.append(builder, to: partition)
        try producer.abort()
        for index in 0..<40 {
            try store.appendStrings([("k\(index)", String(repeating: "v", count: 40))], to: partition)
        }
        #expect(try store.records(partition, isolation: .readUncommitted).contains { $0.key == "aborted" })
        try store.compact(topic: "table")
        #expect(!(try store.records(partition, isolation: .readUncommitted)).contains { $0.key == "aborted" })
        #expect(try store.records(partition).count == 40)
    }

    @Test func recoveryFinishesAnInterruptedSwap() throws {
        // Build the same log twice; compact one; hand its merged segment to the other as a leftover
        // swap file. Opening the other must swap it in exactly as the compaction would have.
        let compacted = TemporaryDirectory()
        let interrupted = TemporaryDirectory()
        defer {
            compacted.remove()
            interrupted.remove()
        }
        let options = testOptions(segmentBytes: 1024, indexInterval: 128)
        for directory in [compacted, interrupted] {
            let store = try LogStore(directory: directory.path, options: options)
            try store.createTopic("table", config: TopicConfig(compact: true))
            for round in 0..<10 {
                try store.appendStrings((0..<5).map { ("k\($0)", "v\(round)-\($0)") }, to: partition)
            }
            try store.close()
        }
        let store = try LogStore(directory: compacted.path, options: options)
        try store.compact(topic: "table")
        let expected = try store.records(partition)
        try store.close()
        let directory = compacted.path + "/topics/table/0"
        let merged = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".log") }
            .sorted()
        let mergedBase = Int64(merged[0].dropLast(4))!
        let nextBase = Int64(merged[1].dropLast(4))!
        let swapName = LogSegment.swapFileName(base: mergedBase, end: nextBase)
        try FileManager.default.copyItem(
            atPath: directory + "/" + merged[0], toPath: interrupted.path + "/topics/table/0/" + swapName)

        let recovered = try LogStore(directory: interrupted.path, options: options)
        defer { try? recovered.close() }
        #expect(try recovered.records(partition) == expected)
        #expect(!FileManager.default.fileExists(atPath: interrupted.path + "/topics/table/0/" + swapName))
    }
}

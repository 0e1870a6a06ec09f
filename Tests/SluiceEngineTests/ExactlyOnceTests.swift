import Foundation
import SluiceLog
import SluiceTestSupport
import Testing

/// A CSAS over two partitions, fed while it runs, killed with SIGKILL at random moments: its
/// committed output must equal an uninterrupted run's, partition by partition.
@Suite struct ExactlyOnceTests {
    static let rows = 24_000

    @Test func killNineAtRandomMomentsNeitherLosesNorDuplicatesOutput() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-eos-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let interrupted = root + "/interrupted"
        let reference = root + "/reference"

        var random = SystemRandomNumberGenerator()
        var kills = 0
        var killsMidTransaction = 0
        while kills < 22 {
            let child = try ChildProcess(["eos-child", "--data", interrupted, "--rows", String(Self.rows),
                                          "--rows-per-millisecond", "4"])
            Thread.sleep(forTimeInterval: Double.random(in: 0.15...0.6, using: &random))
            guard child.process.isRunning else {
                _ = child.finish()
                break
            }
            child.kill9()
            _ = child.finish()
            kills += 1
            if try sinkHasOpenTransaction(interrupted) { killsMidTransaction += 1 }
        }
        let last = try ChildProcess(["eos-child", "--data", interrupted, "--rows", String(Self.rows)])
        #expect(last.finish().status == 0)
        let clean = try ChildProcess(["eos-child", "--data", reference, "--rows", String(Self.rows)])
        #expect(clean.finish().status == 0)

        print("exactly-once: \(kills) kills, \(killsMidTransaction) with the sink partly written")
        #expect(kills >= 20)
        #expect(killsMidTransaction >= 15, "only \(killsMidTransaction) of \(kills) kills hit a partly written sink")
        for partition in 0..<2 {
            let expected = try committedRecords(reference, partition: partition)
            let actual = try committedRecords(interrupted, partition: partition)
            #expect(!expected.isEmpty)
            #expect(actual.count == expected.count, "partition \(partition): \(actual.count) records, expected \(expected.count)")
            #expect(actual == expected, "partition \(partition) differs from the uninterrupted run")
        }
    }

    /// Whether a sink partition holds data of a transaction that was neither committed nor aborted.
    private func sinkHasOpenTransaction(_ directory: String) throws -> Bool {
        let store = try LogStore(directory: directory, options: LogStoreOptions(syncMode: .never))
        defer { try? store.close() }
        guard store.hasTopic("OUTPUT") else { return false }
        return try (0..<2).contains { partition in
            let topicPartition = TopicPartition("OUTPUT", partition)
            return try store.lastStableOffset(topicPartition) < store.endOffset(topicPartition)
        }
    }

    /// Key and value bytes of a sink partition, as a read-committed reader sees them.
    private func committedRecords(_ directory: String, partition: Int) throws -> [[UInt8]] {
        let store = try LogStore(directory: directory, options: LogStoreOptions(syncMode: .never))
        defer { try? store.close() }
        let topicPartition = TopicPartition("OUTPUT", partition)
        var records: [[UInt8]] = []
        var offset = try store.startOffset(topicPartition)
        while true {
            let fetch = try store.read(topicPartition, from: offset, isolation: .readCommitted)
            if fetch.nextOffset == offset { break }
            try fetch.forEach { record in
                records.append((record.key.map(Array.init) ?? []) + [0] + (record.value.map(Array.init) ?? []))
            }
            offset = fetch.nextOffset
        }
        return records
    }
}

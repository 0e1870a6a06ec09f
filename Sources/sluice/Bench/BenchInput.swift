import Foundation
import SluiceDatagen
import SluiceLog

/// Loads benchmark input into topics and measures what the benchmark needs.
enum BenchInput {
    /// Appends Nexmark events to the topics `person`, `auction` and `bid` (those that exist),
    /// round-robin over each topic's partitions, in batches.
    static func generateNexmark(events: Int64, seed: UInt64, rate: Double = NexmarkRules.defaultRate, into store: LogStore) throws {
        let generator = NexmarkGenerator(seed: seed, rate: rate)
        var writers: [NexmarkEventKind: TopicWriter] = [:]
        for kind in NexmarkEventKind.allCases where store.hasTopic(kind.topicName) {
            writers[kind] = try TopicWriter(topic: kind.topicName, store: store)
        }
        for _ in 0..<events {
            try generator.next { event, bytes in
                try writers[event.kind]?.append(bytes, timestamp: event.timestampMillis)
            }
        }
        for writer in writers.values { try writer.flush() }
    }

    /// `TOPIC=PATH`: appends every line of a JSON-lines file, or of every file in a folder, to TOPIC.
    static func load(_ spec: String, into store: LogStore) throws {
        guard let equals = spec.firstIndex(of: "=") else { throw CommandFailure("--input takes TOPIC=PATH", exitCode: 2) }
        let topic = String(spec[..<equals])
        let path = String(spec[spec.index(after: equals)...])
        guard store.hasTopic(topic) else { throw CommandFailure("--input: no topic \(topic) (the query file creates it)", exitCode: 2) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("--input: \(path) does not exist", exitCode: 2)
        }
        let files = isDirectory.boolValue
            ? try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 } : [path]
        let writer = try TopicWriter(topic: topic, store: store)
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
            try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var start = 0
                for index in 0..<bytes.count where bytes[index] == 0x0A {
                    if index > start { try writer.append(UnsafeRawBufferPointer(rebasing: bytes[start..<index]), timestamp: 0) }
                    start = index + 1
                }
                if start < bytes.count { try writer.append(UnsafeRawBufferPointer(rebasing: bytes[start...]), timestamp: 0) }
            }
        }
        try writer.flush()
    }

    /// Records a committed reader sees in a topic.
    static func recordCount(_ topic: String, store: LogStore) throws -> Int64 {
        var total: Int64 = 0
        let buffer = FetchBuffer(capacity: 1 << 20)
        for partition in 0..<(try store.partitionCount(of: topic)) {
            let topicPartition = TopicPartition(topic, partition)
            var offset = try store.startOffset(topicPartition)
            while true {
                let fetch = try store.read(topicPartition, from: offset, maxBytes: 4 << 20, isolation: .readCommitted, buffer: buffer)
                if fetch.nextOffset == offset { break }
                try fetch.forEachBatch { batch in if !batch.isControl { total += Int64(batch.recordCount) } }
                offset = fetch.nextOffset
            }
        }
        return total
    }

    /// User and system CPU seconds of this process so far.
    static func resourceUsage() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }
}

/// Appends records to a topic in batches of about 1 MiB, round-robin over its partitions.
final class TopicWriter {
    private let topic: String
    private let store: LogStore
    private let builders: [RecordBatchBuilder]
    private var next = 0

    init(topic: String, store: LogStore) throws {
        self.topic = topic
        self.store = store
        builders = (0..<(try store.partitionCount(of: topic))).map { _ in RecordBatchBuilder(capacity: 1 << 20) }
    }

    func append(_ value: UnsafeRawBufferPointer, timestamp: Int64) throws {
        let partition = next
        next = (next + 1) % builders.count
        builders[partition].append(key: nil, value: value, timestamp: timestamp)
        if builders[partition].byteCount >= 1 << 20 { try flush(partition) }
    }

    func flush() throws {
        for partition in builders.indices { try flush(partition) }
    }

    private func flush(_ partition: Int) throws {
        guard builders[partition].count > 0 else { return }
        _ = try store.append(builders[partition], to: TopicPartition(topic, partition))
        builders[partition].reset()
    }
}

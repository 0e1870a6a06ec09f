import SluiceCore
import SluiceLog

/// Every topic's records in the order they were written, across partitions.
///
/// ksqlDB's test driver sees each topic as one stream, so its tests expect the records of a
/// topic in the order the queries produced them, whatever partitions they went to. The runner
/// processes one input (or statement) at a time and calls `observe` after each, so the new
/// records it finds are in production order.
final class ProductionOrder {
    /// A stored record, bytes as written.
    struct Record {
        var partition: Int
        var offset: Int64
        var key: [UInt8]?
        var value: [UInt8]?
        var timestamp: Int64
        var headers: [(key: String, value: [UInt8]?)]
    }

    private var next: [TopicPartition: Int64] = [:]
    private(set) var records: [String: [Record]] = [:]

    /// Collects what every topic committed since the last call.
    func observe(_ store: LogStore) throws {
        let buffer = FetchBuffer(capacity: 1 << 16)
        for topic in store.topicNames {
            for partition in 0..<(try store.partitionCount(of: topic)) {
                let topicPartition = TopicPartition(topic, partition)
                var offset = try next[topicPartition] ?? store.startOffset(topicPartition)
                while true {
                    let fetch = try store.read(topicPartition, from: offset, isolation: .readCommitted, buffer: buffer)
                    if fetch.nextOffset == offset { break }
                    try fetch.forEach { record in
                        var headers: [(key: String, value: [UInt8]?)] = []
                        record.headers.forEach { key, value in headers.append((String(decoding: key, as: UTF8.self), value.map { Array($0) })) }
                        records[topic, default: []].append(Record(
                            partition: partition, offset: record.offset, key: record.key.map { Array($0) },
                            value: record.value.map { Array($0) }, timestamp: record.timestamp, headers: headers))
                    }
                    offset = fetch.nextOffset
                }
                next[topicPartition] = offset
            }
        }
    }

    /// The records of `topic` so far, in production order.
    func records(of topic: String) -> [Record] { records[topic] ?? [] }
}

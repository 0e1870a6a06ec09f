import SluiceCore
import SluiceFormats
import SluiceFunctions
import SluiceLog
import SluicePlanner

/// A record read back from a topic, in the shape test expectations use.
struct ActualRecord {
    var partition: Int
    var offset: Int64
    var key: JSONValue?
    var value: JSONValue
    var timestamp: Int64
    var headers: [(key: String, value: String?)]
    /// The window of a windowed key.
    var window: TestWindow? = nil
}

/// Reads a whole topic as a committed reader sees it, partition after partition.
enum TopicReader {
    static func readAll(_ topic: String, store: LogStore, source: SourceDefinition?) throws -> [ActualRecord] {
        var records: [ActualRecord] = []
        let buffer = FetchBuffer(capacity: 1 << 16)
        for partition in 0..<(try store.partitionCount(of: topic)) {
            let topicPartition = TopicPartition(topic, partition)
            var offset = try store.startOffset(topicPartition)
            while true {
                let fetch = try store.read(topicPartition, from: offset, maxBytes: 1 << 20, isolation: .readCommitted,
                                           buffer: buffer)
                if fetch.nextOffset == offset { break }
                try fetch.forEach { record in
                    var headers: [(key: String, value: String?)] = []
                    record.headers.forEach { key, value in
                        headers.append((String(decoding: key, as: UTF8.self), value.map { Base64.encode($0) }))
                    }
                    let key = RecordCodec.splitWindowedKey(record.key.map { Array($0) }, source: source)
                    records.append(ActualRecord(
                        partition: partition, offset: record.offset,
                        key: RecordCodec.decodeKey(key.key, source: source),
                        value: RecordCodec.decodeValue(record.value.map { Array($0) }, source: source),
                        timestamp: record.timestamp, headers: headers, window: key.window))
                }
                offset = fetch.nextOffset
            }
        }
        return records
    }
}

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

/// Decodes a topic's records, in the order they were written, into the shape expectations use.
enum TopicReader {
    static func decode(_ records: [ProductionOrder.Record], source: SourceDefinition?) -> [ActualRecord] {
        records.map { record in
            let key = RecordCodec.splitWindowedKey(record.key, source: source)
            return ActualRecord(
                partition: record.partition, offset: record.offset,
                key: RecordCodec.decodeKey(key.key, source: source),
                value: RecordCodec.decodeValue(record.value, source: source),
                timestamp: record.timestamp,
                headers: record.headers.map { ($0.key, $0.value.map { bytes in bytes.withUnsafeBytes { Base64.encode($0) } }) },
                window: key.window)
        }
    }
}

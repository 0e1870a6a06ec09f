import Foundation
import SluiceLog
import SluiceRuntime
import Synchronization

/// Writes processing-log entries to the `sluice_processing_log` topic (JSON values) and keeps a
/// count per query.
final class ProcessingLogWriter: ProcessingLogSink, @unchecked Sendable {
    static let topic = "sluice_processing_log"

    private let store: LogStore
    private let counts = Mutex<[String: Int]>([:])

    init(store: LogStore) throws {
        self.store = store
        if !store.hasTopic(Self.topic) {
            try store.createTopic(Self.topic, config: TopicConfig(partitions: 1, retentionMs: 7 * 86_400_000))
        }
    }

    func record(_ entry: ProcessingLogEntry) {
        counts.withLock { $0[entry.queryID, default: 0] += 1 }
        let value = "{\"queryId\":\(ValueRenderer.quoted(entry.queryID)),\"topic\":\(ValueRenderer.quoted(entry.topic)),"
            + "\"partition\":\(entry.partition),\"offset\":\(entry.offset),\"kind\":\(ValueRenderer.quoted(entry.kind)),"
            + "\"message\":\(ValueRenderer.quoted(entry.message))}"
        // The processing log is best effort: a failure to write it must not stop the query.
        _ = try? store.append(
            [ProducerRecord(key: Array(entry.queryID.utf8), value: Array(value.utf8), partition: 0)], to: Self.topic)
    }

    /// Entries recorded for a query since the engine started.
    func count(for queryID: String) -> Int {
        counts.withLock { $0[queryID] ?? 0 }
    }
}

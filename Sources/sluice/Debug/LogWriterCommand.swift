import ArgumentParser
import Foundation
import SluiceLog

/// A writer that never stops, for crash tests: it appends numbered records and reports each
/// acknowledged append on standard output, until it is killed.
struct LogWriterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log-writer",
        abstract: "Append numbered records forever, printing each acknowledged append (for crash tests).",
        shouldDisplay: false)

    @OptionGroup var global: GlobalOptions
    @Argument var topic: String
    @Option(help: "Records per batch.") var batch = 20
    @Option(help: "Write inside transactions of this transactional id (two batches per transaction).")
    var transactional: String?

    func run() throws {
        try reportFailures {
            let session = try StoreSession.open(global)
            let store = session.store
            if !store.hasTopic(topic) { try store.createTopic(topic, config: TopicConfig(partitions: 1)) }
            let partition = TopicPartition(topic, 0)
            let builder = RecordBatchBuilder()
            let producer = try transactional.map { try store.transactionalProducer(id: $0) }
            if let producer, producer.pendingTransaction != nil { try producer.completePending(commit: false) }
            emit("ready")
            while true {
                if let producer {
                    try producer.begin()
                    for _ in 0..<2 {
                        fill(builder, from: try store.endOffset(partition))
                        let base = try producer.append(builder, to: partition)
                        emit("append \(base) \(builder.count)")
                    }
                    try producer.commit()
                    emit("commit \(producer.epoch)")
                } else {
                    fill(builder, from: try store.endOffset(partition))
                    let base = try store.append(builder, to: partition)
                    emit("ack \(base) \(builder.count)")
                }
            }
        }
    }

    /// Values name their own offset (`v<offset>`), so a reader can tell a misplaced record.
    private func fill(_ builder: RecordBatchBuilder, from offset: Int64) {
        builder.reset()
        for index in 0..<Int64(batch) {
            builder.append(
                key: Array("k\(index % 7)".utf8), value: Array("v\(offset + index)".utf8), timestamp: offset + index)
        }
    }

    private func emit(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { _ = write(1, $0.baseAddress, $0.count) }
    }
}

import SluiceCore
import SluiceLog
import SluicePlan

/// One partition of a transient (push) query: reads committed data and hands the result rows to
/// its query's consumer. Nothing is written to the log and nothing is checkpointed.
final class TransientTask {
    let input: TopicPartition
    private let store: LogStore
    private let pipeline: Pipeline
    private let decoder: SourceDecoder
    let context: OperatorContext
    private let fetchBuffer = FetchBuffer(capacity: 256 << 10)
    private var batch: RowBatch
    private(set) var position: Int64

    init(queryID: String, partition: Int, pipeline: Pipeline, store: LogStore, startOffset: Int64,
         processingLog: ProcessingLogSink?) throws {
        self.input = TopicPartition(pipeline.source.topic, partition)
        self.store = store
        self.pipeline = pipeline
        self.decoder = try SourceDecoder(step: pipeline.source, partition: partition, neededSlots: pipeline.neededSourceSlots)
        self.context = OperatorContext(queryID: queryID, sourceTopic: pipeline.source.topic, processingLog: processingLog)
        self.batch = RowBatch(width: pipeline.source.width, capacity: 1024)
        self.position = startOffset
    }

    /// Reads one fetch and passes the resulting rows to `deliver`. Returns whether there was anything to read.
    func step(_ deliver: (RowBatch) -> Void) throws -> Bool {
        let fetch = try store.read(input, from: position, maxBytes: 256 << 10, isolation: .readCommitted, buffer: fetchBuffer)
        if fetch.nextOffset == position { return false }
        batch.reset(width: pipeline.source.width)
        try decoder.decode(fetch, into: &batch, context: context)
        for op in pipeline.operators where !batch.isEmpty {
            try op.process(&batch, context: context)
        }
        position = fetch.nextOffset
        if !batch.isEmpty { deliver(batch) }
        return true
    }
}

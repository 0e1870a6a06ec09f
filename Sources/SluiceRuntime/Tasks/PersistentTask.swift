import SluiceCore
import SluiceLog
import SluicePlan
import SluiceState

/// One partition of a persistent query: reads its source partition, runs the pipeline and writes
/// the sink inside log transactions, exactly once.
///
/// Each task is its own transactional producer (`<query>/<task>`), so tasks commit independently
/// and a restarted task fences its previous incarnation. A commit saves the checkpoint (position
/// and transaction number, synced) and then writes the COMMIT markers.
// Handed to exactly one worker thread when the job starts; never touched by two threads at once.
final class PersistentTask: @unchecked Sendable {
    let index: Int
    let input: TopicPartition
    private let store: LogStore
    private let state: any StateStore
    private let pipeline: Pipeline
    private let decoder: SourceDecoder
    private let sink: SinkWriter
    private let producer: TransactionalProducer
    let context: OperatorContext
    private let fetchBuffer = FetchBuffer(capacity: 1 << 20)
    private var batch: RowBatch
    /// The next offset to read.
    private(set) var position: Int64
    /// Position as of the last commit.
    private(set) var committedPosition: Int64
    private var transactionOpen = false
    /// When the open transaction began (monotonic ns), for the commit interval.
    private var transactionStart: UInt64 = 0
    /// Rows read from the source since the task started.
    private(set) var rowsRead = 0
    /// Records the source could not decode.
    private(set) var decodeErrors = 0

    /// Opens the task: resolves the transaction its previous run left open and finds where to resume.
    /// - Parameter startOffset: where to start when the task has never committed.
    init(queryID: String, index: Int, pipeline: Pipeline, store: LogStore, state: any StateStore, startOffset: Int64,
         processingLog: ProcessingLogSink?) throws {
        guard let sinkStep = pipeline.sink else { throw RuntimeError("a persistent query needs a sink") }
        self.index = index
        self.input = TopicPartition(pipeline.source.topic, index)
        self.store = store
        self.state = state
        self.pipeline = pipeline
        self.decoder = try SourceDecoder(step: pipeline.source, partition: index, neededSlots: pipeline.neededSourceSlots)
        self.sink = try SinkWriter(
            step: sinkStep, partitionCount: try store.partitionCount(of: sinkStep.topic), rowSlots: pipeline.sinkRowSlots)
        self.context = OperatorContext(queryID: queryID, sourceTopic: pipeline.source.topic, processingLog: processingLog)
        self.batch = RowBatch(width: pipeline.source.width, capacity: 4096)
        producer = try store.transactionalProducer(id: "\(queryID)/\(index)")
        let checkpoint = try TaskCheckpoint.load(task: index, from: state)
        if let pending = producer.pendingTransaction {
            // The checkpoint is the decision: written before the markers, so a match means "committed".
            try producer.completePending(commit: pending.transactionNumber == checkpoint?.transactionNumber)
        }
        position = checkpoint?.position ?? startOffset
        committedPosition = position
        try repositionIfOutOfRange()
        committedPosition = position
        seenTruncation = store.truncation(of: input)?.generation ?? 0
    }

    /// The last cut of the source (`topic repair`) this task has taken into account.
    private var seenTruncation: UInt64 = 0

    /// Goes back to where the source was cut while the query ran, if it was cut below the position:
    /// records appended after the cut take the offsets above it and must not be skipped.
    private func followTruncation() {
        guard let truncation = store.truncation(of: input), truncation.generation != seenTruncation else { return }
        seenTruncation = truncation.generation
        guard position > truncation.offset else { return }
        resume(at: truncation.offset, "\(input) was cut at offset \(truncation.offset) (topic repair), below this "
            + "query's position \(position): the records from \(truncation.offset) on were lost")
    }

    /// Moves a position the source no longer covers back inside it, and reports that loudly (the
    /// processing log and the query's error count) rather than waiting for the source to grow back:
    /// records below the position were lost (the partition was cut when it was recovered, or by
    /// `topic repair`), or retention removed records the query had not read.
    private func repositionIfOutOfRange() throws {
        let start = try store.startOffset(input)
        let end = try store.endOffset(input)
        if position > end {
            resume(at: end, "\(input) ends at offset \(end), before this query's position \(position): the source lost "
                + "records (cut when it was recovered, or by topic repair)")
        } else if position < start {
            resume(at: start, "\(input) starts at offset \(start), after this query's position \(position): retention "
                + "removed records the query had not read")
        }
    }

    /// Moves the position to `offset`, telling the processing log why.
    private func resume(at offset: Int64, _ reason: String) {
        context.report("source", reason + "; reading on from \(offset)", origin: RowOrigin(partition: Int32(index), offset: offset))
        position = offset
    }

    /// Reads and processes one fetch. Returns whether there was anything to read.
    func step() throws -> Bool {
        followTruncation()
        let fetch: FetchResult
        do {
            fetch = try store.read(input, from: position, maxBytes: 1 << 20, isolation: .readCommitted, buffer: fetchBuffer)
        } catch LogError.offsetOutOfRange {
            // The source was cut (topic repair) or trimmed by retention while the query ran.
            try repositionIfOutOfRange()
            return true
        }
        if fetch.nextOffset == position { return false }
        if !transactionOpen {
            try producer.begin()
            transactionOpen = true
            transactionStart = monotonicNanoseconds()
        }
        batch.reset(width: pipeline.source.width)
        let errorsBefore = context.errorCount
        try decoder.decode(fetch, into: &batch, context: context)
        decodeErrors += context.errorCount - errorsBefore
        rowsRead += batch.count
        for op in pipeline.operators where !batch.isEmpty {
            try op.process(&batch, context: context)
        }
        if !batch.isEmpty { sink.write(batch, context: context) }
        position = fetch.nextOffset
        // Each fetch's output goes into the log right away, inside the open transaction; read-committed
        // readers see it only after the commit.
        try sink.flush { try _ = producer.append($0, to: $1) }
        return true
    }

    /// Whether the open transaction is older than `interval` nanoseconds.
    func commitDue(after interval: UInt64) -> Bool {
        transactionOpen && monotonicNanoseconds() - transactionStart >= interval
    }

    var hasUncommittedWork: Bool { transactionOpen }

    /// Nanoseconds until the open transaction is due (0 when it is already due).
    func nanosecondsUntilCommit(interval: UInt64) -> UInt64 {
        let age = monotonicNanoseconds() - transactionStart
        return age >= interval ? 0 : interval - age
    }

    /// Commits the open transaction: output appended, checkpoint saved (the decision), markers written.
    func commit() throws {
        guard transactionOpen else { return }
        try sink.flush { try _ = producer.append($0, to: $1) }
        let checkpoint = TaskCheckpoint(position: position, transactionNumber: producer.transactionNumber)
        try checkpoint.save(task: index, to: state)
        try producer.commit()
        transactionOpen = false
        committedPosition = position
    }

    /// Aborts the open transaction and rewinds to the last commit.
    func abort() {
        guard transactionOpen else { return }
        try? producer.abort()
        sink.discard()
        transactionOpen = false
        position = committedPosition
    }

    /// Operators with their counters, source first, for EXPLAIN.
    var operatorLabels: [String] {
        ["Source[\(pipeline.source.name), topic=\(pipeline.source.topic)]"] + pipeline.operators.map(\.label) + [sink.label]
    }

    /// Counters from the sink down to the source, matching the plan's steps root first.
    var counters: [(rowsIn: Int, rowsOut: Int, errors: Int)] {
        let source = (rowsIn: rowsRead + decodeErrors, rowsOut: rowsRead, errors: decodeErrors)
        return [sink.counters.snapshot] + pipeline.operators.reversed().map { $0.counters.snapshot } + [source]
    }
}

import SluiceCore
import SluiceFunctions
import SluiceLog
import SluicePlan
import Synchronization

/// A transient push query (`SELECT ... EMIT CHANGES`): streams result rows to a consumer until it
/// is cancelled, reaches its LIMIT, or fails. Reads committed data only.
public final class PushQuery: @unchecked Sendable {
    public let id: String
    private let tasks: [TransientTask]
    private let store: LogStore
    private let waiter = LogWaiter()
    private let cancelled = Atomic<Bool>(false)

    /// - Parameter startOffsets: per source partition, where to start reading.
    public init(id: String, plan: QueryPlan, store: LogStore, registry: FunctionRegistry, startOffsets: [Int64],
                processingLog: ProcessingLogSink?) throws {
        self.id = id
        self.store = store
        let partitions = try store.partitionCount(of: plan.sources.first?.topic ?? "")
        tasks = try (0..<partitions).map { partition in
            try TransientTask(
                queryID: id, partition: partition, pipeline: try Pipeline(plan: plan, registry: registry), store: store,
                startOffset: partition < startOffsets.count ? startOffsets[partition] : 0, processingLog: processingLog)
        }
    }

    /// Runs on the calling thread, handing each result row to `deliver` (row values, ROWTIME).
    /// Returns when `deliver` returns false, `limit` rows were delivered, `cancel()` is called, or
    /// (with `untilCaughtUp`) when every partition has been read to its end.
    public func run(limit: Int?, untilCaughtUp: Bool = false,
                    deliver: ([Value], Int64) -> Bool) throws {
        var delivered = 0
        var stop = false
        while !stop && !cancelled.load(ordering: .acquiring) {
            var progress = false
            for task in tasks where !stop {
                let read = try task.step { batch in
                    // A tombstone carries no row to show.
                    for index in 0..<batch.count where !stop && !batch.origin(ofRow: index).isNullValue {
                        if !deliver(batch.row(index), batch.timestamp(ofRow: index)) { stop = true }
                        delivered += 1
                        if let limit, delivered >= limit { stop = true }
                    }
                }
                progress = progress || read
            }
            if stop { break }
            if !progress {
                if untilCaughtUp { break }
                let positions = Dictionary(uniqueKeysWithValues: tasks.map { ($0.input, $0.position) })
                if case .cancelled = try store.waitForData(positions, timeout: .seconds(1), waiter: waiter) { break }
            }
        }
    }

    /// Stops `run` from another thread (Ctrl-C in the REPL).
    public func cancel() {
        cancelled.store(true, ordering: .releasing)
        waiter.cancel()
    }

    /// Processing-log entries this query reported.
    public var errorCount: Int { tasks.reduce(0) { $0 + $1.context.errorCount } }
}

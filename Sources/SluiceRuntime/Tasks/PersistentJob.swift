import Foundation
import SluiceCore
import SluiceFunctions
import SluiceLog
import SluicePlan
import SluiceState
import Synchronization

/// The life of a running query, as SHOW QUERIES reports it.
public enum JobStatus: Sendable, Equatable {
    case running
    case paused
    /// The query stopped on an error it can't get past (a corrupt source batch, say); it is not restarted.
    case error(String)
    case stopped

    public var name: String {
        switch self {
        case .running: "RUNNING"
        case .paused: "PAUSED"
        case .error: "ERROR"
        case .stopped: "STOPPED"
        }
    }

    /// The name, and for ERROR why: `ERROR (stopped on a corrupt batch in topic t, partition 0, offset 7: ...)`.
    public var detail: String {
        if case .error(let message) = self { return "ERROR (\(message))" }
        return name
    }
}

/// How a job runs its tasks.
public enum ExecutionMode: Sendable {
    /// Worker threads, at most `threads` per job, each running a share of the tasks.
    case threaded(threads: Int, commitIntervalMilliseconds: Int)
    /// No threads: the caller steps every task (`runUntilIdle`), so runs are reproducible.
    case deterministic
}

/// A persistent query running: one task per source partition, committing exactly once.
public final class PersistentJob: @unchecked Sendable {
    public let id: String
    let tasks: [PersistentTask]
    private let store: LogStore
    private let state: any StateStore
    private let statusLock = Mutex<JobStatus>(.running)
    private let stopFlag = Atomic<Bool>(false)
    private let pausedFlag = Atomic<Bool>(false)
    private var threads: [Thread] = []
    private var waiters: [LogWaiter] = []
    private let finished = DispatchGroup()

    /// Opens the job's tasks; each resolves its previous run's open transaction and resume position.
    /// - Parameters:
    ///   - startOffsets: per source partition, where to start when the task never committed.
    /// Told once why the job stopped with an error (the engine logs it).
    private let onError: @Sendable (String) -> Void

    public init(id: String, plan: QueryPlan, store: LogStore, state: any StateStore, registry: FunctionRegistry,
                startOffsets: [Int64], processingLog: ProcessingLogSink?, onError: @escaping @Sendable (String) -> Void = { _ in })
        throws
    {
        self.id = id
        self.onError = onError
        self.store = store
        self.state = state
        let partitions = try store.partitionCount(of: plan.sources.first?.topic ?? "")
        tasks = try (0..<partitions).map { index in
            try PersistentTask(
                queryID: id, index: index, pipeline: try Pipeline(plan: plan, registry: registry), store: store,
                state: state, startOffset: index < startOffsets.count ? startOffsets[index] : 0,
                processingLog: processingLog)
        }
    }

    public var status: JobStatus { statusLock.withLock { $0 } }

    /// Rows read and processing-log entries reported so far.
    public var counters: (rowsRead: Int, errors: Int) {
        tasks.reduce((0, 0)) { ($0.0 + $1.rowsRead, $0.1 + $1.context.errorCount) }
    }

    /// Each task's position: the next source offset it will read.
    public var positions: [Int64] { tasks.map(\.position) }

    /// Per source partition, the offset up to which output is committed (readers see it).
    public var committedPositions: [Int64] { tasks.map(\.committedPosition) }

    /// The dataflow as EXPLAIN prints it.
    public var operatorLabels: [String] { tasks.first?.operatorLabels ?? [] }

    /// Starts worker threads (threaded mode); in deterministic mode the caller drives `runUntilIdle`.
    public func start(_ mode: ExecutionMode) {
        guard case .threaded(let threadCount, let interval) = mode, !tasks.isEmpty else { return }
        let groups = max(1, min(threadCount, tasks.count))
        for group in 0..<groups {
            let mine = tasks.indices.filter { $0 % groups == group }.map { tasks[$0] }
            let waiter = LogWaiter()
            waiters.append(waiter)
            finished.enter()
            let thread = Thread { [self] in
                defer { finished.leave() }
                run(mine, waiter: waiter, commitInterval: UInt64(interval) * 1_000_000)
            }
            thread.name = "sluice-\(id)-\(group)"
            threads.append(thread)
            thread.start()
        }
    }

    private func run(_ tasks: [PersistentTask], waiter: LogWaiter, commitInterval: UInt64) {
        do {
            while !stopFlag.load(ordering: .acquiring) {
                if pausedFlag.load(ordering: .acquiring) {
                    for task in tasks { try task.commit() }
                    _ = try store.waitForData([:], timeout: .milliseconds(200), waiter: waiter)
                    continue
                }
                var progress = false
                for task in tasks {
                    if try task.step() { progress = true }
                    if task.commitDue(after: commitInterval) { try task.commit() }
                }
                if !progress {
                    // Commits follow the interval, as Kafka Streams' commit.interval.ms: an idle task
                    // commits when its transaction is due, so output becomes visible within one interval.
                    var wait = UInt64(500_000_000)
                    for task in tasks where task.hasUncommittedWork {
                        wait = min(wait, task.nanosecondsUntilCommit(interval: commitInterval))
                    }
                    if wait > 0 {
                        let positions = Dictionary(uniqueKeysWithValues: tasks.map { ($0.input, $0.position) })
                        _ = try store.waitForData(positions, timeout: .nanoseconds(Int64(wait)), waiter: waiter)
                    }
                }
            }
            for task in tasks { try task.commit() }
        } catch {
            finishAfterFailure(tasks, error)
            fail(with: error)
        }
    }

    /// After a corrupt source batch the tasks' open work is sound (the bad batch was never read),
    /// so it is committed: the rows before the bad batch reach the sink. After any other failure
    /// the open transactions are aborted.
    private func finishAfterFailure(_ tasks: [PersistentTask], _ error: Error) {
        if case LogError.corruptBatch? = error as? LogError {
            for task in tasks {
                do { try task.commit() } catch { task.abort() }
            }
        } else {
            for task in tasks { task.abort() }
        }
    }

    private func fail(with error: Error) {
        let message: String
        if case LogError.corruptBatch(let topic, let partition, let offset, let reason)? = error as? LogError {
            message = "stopped on a corrupt batch in topic \(topic), partition \(partition), offset \(offset): \(reason)"
        } else {
            message = "\(error)"
        }
        statusLock.withLock { $0 = .error(message) }
        onError(message)
        stopFlag.store(true, ordering: .releasing)
        for waiter in waiters { waiter.cancel() }
    }

    /// Deterministic mode: steps every task until none has input left, then commits. Returns whether
    /// anything was processed.
    @discardableResult
    public func runUntilIdle() -> Bool {
        guard status == .running else { return false }
        var any = false
        do {
            var progress = true
            while progress {
                progress = false
                for task in tasks where try task.step() {
                    progress = true
                    any = true
                }
            }
            for task in tasks { try task.commit() }
        } catch {
            finishAfterFailure(tasks, error)
            fail(with: error)
        }
        return any
    }

    public func pause() {
        pausedFlag.store(true, ordering: .releasing)
        statusLock.withLock { if $0 == .running { $0 = .paused } }
    }

    public func resume() {
        pausedFlag.store(false, ordering: .releasing)
        statusLock.withLock { if $0 == .paused { $0 = .running } }
    }

    /// Stops the threads after a final commit and waits for them.
    public func stop() {
        stopFlag.store(true, ordering: .releasing)
        for waiter in waiters { waiter.cancel() }
        finished.wait()
        statusLock.withLock { if case .error = $0 {} else { $0 = .stopped } }
    }
}

extension PersistentJob {
    /// Live counters per plan step, from the root (sink) down to the source, summed over tasks:
    /// rows in, rows out and rows reported to the processing log.
    public var stepCounters: [(rowsIn: Int, rowsOut: Int, errors: Int)] {
        var sums: [(rowsIn: Int, rowsOut: Int, errors: Int)] = []
        for task in tasks {
            for (index, counters) in task.counters.enumerated() {
                if index == sums.count { sums.append((0, 0, 0)) }
                sums[index].rowsIn += counters.rowsIn
                sums[index].rowsOut += counters.rowsOut
                sums[index].errors += counters.errors
            }
        }
        return sums
    }
}

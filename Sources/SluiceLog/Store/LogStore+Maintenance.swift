// SPDX-License-Identifier: Apache-2.0
import Foundation
import Synchronization

/// What `LogStore.repair(topic:)` did to one partition.
public struct PartitionRepair: Sendable, Equatable {
    public var partition: Int
    /// The first bad batch, or nil when the partition was sound.
    public var problem: PartitionVerification.Problem?
    /// Offsets (records) dropped by cutting the partition at the bad batch.
    public var droppedRecords: Int64
}

extension LogStore {
    /// Checks every batch of every partition of a topic (framing, offsets, CRC32C).
    public func verify(topic name: String) throws -> [PartitionVerification] {
        try checkOpen()
        return try topic(named: name).allPartitions().map { try $0.verify() }
    }

    /// Cuts each partition of a topic at its first bad batch, deleting everything after it.
    /// Returns, per partition, what was found and how many records were dropped.
    ///
    /// An operator's tool: stop the topic's readers first. A repaired partition is reopened, and a
    /// `FetchResult` still pointing into a cut segment's memory mapping must not be used.
    public func repair(topic name: String) throws -> [PartitionRepair] {
        try checkOpen()
        let topic = try topic(named: name)
        var repairs: [PartitionRepair] = []
        for index in 0..<topic.partitionCount {
            let partition = try topic.partition(index)
            let repair = try partition.maintenance.withLock { (_) throws(LogError) -> PartitionRepair in
                let verification = try partition.verify()
                guard let problem = verification.problem else {
                    return PartitionRepair(partition: index, problem: nil, droppedRecords: 0)
                }
                let end = partition.endOffset
                partition.abandon()
                let dropped = try PartitionLog.truncate(context: partition.context, at: problem, endOffset: end)
                topic.replace(index, with: nil)
                _ = try topic.partition(index)
                options.log(
                    "\(partition.context.name): repair dropped \(dropped) record(s) from offset \(problem.offset)")
                truncations.withLock { all in
                    let key = TopicPartition(name, index)
                    all[key] = PartitionTruncation(generation: (all[key]?.generation ?? 0) + 1, offset: problem.offset)
                }
                return PartitionRepair(partition: index, problem: problem, droppedRecords: dropped)
            }
            repairs.append(repair)
        }
        return repairs
    }

    /// Applies every topic's time and size retention now (the background thread also does this).
    /// Returns the number of segments deleted.
    @discardableResult
    public func enforceRetention() throws -> Int {
        try checkOpen()
        let now = options.clock()
        var deleted = 0
        for topic in topics.withLock({ Array($0.values) }) {
            let config = topic.config
            guard config.retentionMs != nil || config.retentionBytes != nil else { continue }
            for partition in try topic.allPartitions() {
                deleted += try partition.maintenance.withLock { (_) throws(LogError) -> Int in
                    try partition.enforceRetention(
                        retentionMs: config.retentionMs, retentionBytes: config.retentionBytes, now: now)
                }
            }
        }
        return deleted
    }

    /// Compacts the closed segments of compacted topics (or of `topic` only), keeping the latest
    /// record per key. Partitions with nothing new to clean since their last compaction are skipped.
    @discardableResult
    public func compact(topic only: String? = nil) throws -> [TopicPartition: CompactionResult] {
        try checkOpen()
        let now = options.clock()
        var results: [TopicPartition: CompactionResult] = [:]
        let selected = try only.map { [try topic(named: $0)] } ?? topics.withLock { Array($0.values) }
        for topic in selected where topic.config.compact {
            let tombstoneRetention = topic.config.tombstoneRetentionMs
            for partition in try topic.allPartitions() {
                let result = try partition.maintenance.withLock { (lastEnd) throws(LogError) -> CompactionResult? in
                    let cleanable = partition.published.withLock { state in
                        state.segments.dropLast().last { $0.nextOffset <= state.lastStableOffset }?.nextOffset ?? -1
                    }
                    guard cleanable > lastEnd || only != nil else { return nil }
                    let result = try partition.compact(tombstoneRetentionMs: tombstoneRetention, now: now)
                    lastEnd = cleanable
                    return result
                }
                if let result { results[TopicPartition(topic.name, partition.partition)] = result }
            }
        }
        return results
    }

    /// Syncs every open partition's active segment (what `SyncMode.interval` does on its tick).
    public func flush() throws {
        try checkOpen()
        for topic in topics.withLock({ Array($0.values) }) {
            for partition in topic.openPartitions { try partition.flush() }
        }
    }

    /// One round of background work: retention, compaction and transaction timeouts.
    func runMaintenance() {
        report { () throws in try abortTimedOutTransactions() }
        report { () throws in try enforceRetention() }
        report { () throws in try compact() }
    }

    /// Runs background work, logging failures (a closed store is not a failure).
    func report(_ work: () throws -> Void) {
        do {
            try work()
        } catch let error as LogError where error == .closed {
            return
        } catch {
            options.log("background maintenance failed: \(error)")
        }
    }
}

/// The store's background thread: syncs every `syncInterval` (interval mode) and runs retention,
/// compaction and transaction timeouts every `maintenanceInterval`. It sleeps on a condition
/// variable, so stopping it is immediate.
final class MaintenanceThread: Sendable {
    private let wakeup = ConditionSignal()
    private let finished = ConditionSignal()
    private let stopping = StopFlag()

    private final class StopFlag: Sendable {
        let value = Atomic<Bool>(false)
    }

    init(store: LogStore) {
        let syncEvery = store.options.syncMode == .interval ? store.options.syncInterval.nanoseconds : nil
        let maintainEvery = max(store.options.maintenanceInterval.nanoseconds, 1_000_000)
        let thread = Thread { [weak store, wakeup, finished, stopping] in
            var nextSync = syncEvery.map { monotonicNanoseconds() + $0 }
            var nextMaintenance = monotonicNanoseconds() + maintainEvery
            while !stopping.value.load(ordering: .acquiring) {
                _ = wakeup.wait(until: min(nextSync ?? UInt64.max, nextMaintenance))
                guard !stopping.value.load(ordering: .acquiring), let store else { break }
                let now = monotonicNanoseconds()
                if let due = nextSync, now >= due, let every = syncEvery {
                    store.report { try store.flush() }
                    nextSync = now + every
                }
                if now >= nextMaintenance {
                    store.runMaintenance()
                    nextMaintenance = now + maintainEvery
                }
            }
            finished.signal()
        }
        thread.name = "sluice-log-maintenance"
        thread.start()
    }

    /// Stops the thread and waits for it to finish its current step.
    func stop() {
        stopping.value.store(true, ordering: .releasing)
        wakeup.signal()
        _ = finished.wait(until: nil)
    }
}

/// A cut `repair` made in a partition while the store was open: readers past `offset` must go
/// back to it, since records appended after the cut reuse the offsets above it.
public struct PartitionTruncation: Sendable, Equatable {
    /// Counts the cuts of the partition, so a reader notices a new one.
    public var generation: UInt64
    /// Where the partition was cut (its end right after the cut).
    public var offset: Int64
}

extension LogStore {
    /// The latest cut `repair` made in `partition` since the store opened, if any.
    public func truncation(of partition: TopicPartition) -> PartitionTruncation? {
        truncations.withLock { $0[partition] }
    }
}

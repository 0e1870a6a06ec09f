// SPDX-License-Identifier: Apache-2.0
import Synchronization

/// Something waiting for data in a partition; told after every append.
protocol PartitionWatcher: AnyObject, Sendable {
    func dataArrived()
}

/// One partition: an ordered list of segments, the producer state and the aborted-transaction index.
///
/// Two locks keep one writer and many readers apart. `writer` serializes appends, rolls, syncs and
/// retention (and is held during the write system call). `published` guards what readers see: the
/// segment list, offsets, index counts and watchers; it is only held for short copies. The lock order
/// is always `writer` before `published`.
final class PartitionLog: Sendable {
    struct Writer {
        var active: LogSegment
        var activeFile: any LogFile
        var nextOffset: Int64
        var producers: ProducerStateTable
        var abortedFile: (any LogFile)?
        var closed = false
    }

    struct Published {
        var segments: [LogSegment]
        var startOffset: Int64
        var endOffset: Int64
        var lastStableOffset: Int64
        var aborted: AppendOnlyIndex<AbortedTransaction>
        var watchers: [ObjectIdentifier: any PartitionWatcher] = [:]
        var closed = false
    }

    let context: PartitionContext
    let writer: Mutex<Writer>
    let published: Mutex<Published>
    /// Serializes retention, compaction and repair; holds the end of the range compacted last, so a
    /// compaction with nothing new to clean is skipped. Taken before `writer`.
    let maintenance = Mutex<Int64>(-1)
    /// What the last open found and fixed.
    let recoveryReport: RecoveryReport

    var topic: String { context.topic }
    var partition: Int { context.partition }

    /// Opens (and recovers) the partition stored in `context.directory`.
    init(context: PartitionContext) throws(LogError) {
        self.context = context
        let recovered = try PartitionRecovery(context: context).run()
        writer = Mutex(recovered.writer)
        published = Mutex(recovered.published)
        recoveryReport = recovered.report
    }

    // MARK: Offsets

    var startOffset: Int64 { published.withLock { $0.startOffset } }
    var endOffset: Int64 { published.withLock { $0.endOffset } }
    var lastStableOffset: Int64 { published.withLock { $0.lastStableOffset } }
    var isClosed: Bool { published.withLock { $0.closed } }

    /// The offset a reader at `isolation` may read up to (exclusive).
    func visibleEnd(_ isolation: IsolationLevel) -> Int64 {
        published.withLock { $0.visibleEnd(isolation) }
    }

    // MARK: Watchers

    /// Registers a watcher; returns the visible end at registration, so no append is missed in between.
    func addWatcher(_ watcher: any PartitionWatcher, isolation: IsolationLevel) -> Int64 {
        published.withLock { state in
            state.watchers[ObjectIdentifier(watcher)] = watcher
            return state.visibleEnd(isolation)
        }
    }

    func removeWatcher(_ watcher: any PartitionWatcher) {
        _ = published.withLock { $0.watchers.removeValue(forKey: ObjectIdentifier(watcher)) }
    }

    /// Tells every watcher that the partition changed.
    func notify(_ watchers: [any PartitionWatcher]) {
        for watcher in watchers { watcher.dataArrived() }
    }

    // MARK: Closing

    /// Syncs everything and leaves a clean-shutdown marker so the next open skips the full tail scan.
    func close() throws(LogError) {
        let watchers: [any PartitionWatcher] = try writer.withLock {
            (writer) throws(LogError) -> [any PartitionWatcher] in
            guard !writer.closed else { return [] }
            writer.closed = true
            let end = writer.nextOffset
            published.withLock { state in
                state.closed = true
                sealTimeIndex(writer.active)
            }
            try writer.active.persistIndexes(sync: true)
            try writer.activeFile.sync()
            try writer.abortedFile?.sync()
            let snapshot = context.directory + "/" + LogSegment.fileName(end, "snapshot")
            try context.fileSystem.writeAtomically(writer.producers.encodeSnapshot(), to: snapshot)
            try context.fileSystem.writeAtomically(
                PartitionRecovery.encodeRecoveryPoint(end),
                to: context.directory + "/" + PartitionRecovery.recoveryPointFile)
            let marker = try context.fileSystem.openFile(
                context.directory + "/" + PartitionRecovery.cleanShutdownFile, create: true)
            try marker.sync()
            try context.fileSystem.syncDirectory(context.directory)
            return published.withLock { state in
                let watchers = Array(state.watchers.values)
                for segment in state.segments { segment.closeFile() }
                return watchers
            }
        }
        notify(watchers)
    }

    /// Stops the partition without syncing or writing anything, as a crash would (tests).
    func abandon() {
        writer.withLock { $0.closed = true }
        let watchers = published.withLock { state -> [any PartitionWatcher] in
            state.closed = true
            return Array(state.watchers.values)
        }
        notify(watchers)
    }

    /// Adds a final time index entry for the segment's largest timestamp (on roll and close), so a
    /// segment's maximum timestamp can be read from its index when it is opened again.
    /// Call under the `published` lock.
    func sealTimeIndex(_ segment: LogSegment) {
        guard let max = segment.maxTimestamp, max > (segment.timeIndex.last?.timestamp ?? Int64.min),
            segment.size > 0
        else { return }
        let lastBatchStart = segment.lastBatchRelativeOffset
        segment.timeIndex.append(TimeIndexEntry(timestamp: max, relativeOffset: lastBatchStart))
    }
}

extension PartitionLog.Published {
    func visibleEnd(_ isolation: IsolationLevel) -> Int64 {
        isolation == .readCommitted ? lastStableOffset : endOffset
    }

    /// The index of the segment holding `offset`: the last one whose base offset is at most `offset`.
    func segmentIndex(for offset: Int64) -> Int? {
        var low = 0
        var high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].baseOffset <= offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }
}

/// Whether a reader sees open and aborted transactional data.
public enum IsolationLevel: String, Sendable {
    /// Only committed data, up to the last stable offset (the default, as Kafka's `read_committed`).
    case readCommitted
    /// Everything appended, up to the end offset.
    case readUncommitted
}

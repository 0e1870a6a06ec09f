// SPDX-License-Identifier: Apache-2.0
import Foundation
import Synchronization

/// A transaction a previous instance of a producer left open: the new instance decides its fate.
public struct PendingTransaction: Sendable, Equatable {
    /// The producer id its batches carry.
    public var producerId: Int64
    /// The epoch of the instance that opened it.
    public var epoch: Int16
    /// The transaction's number for this transactional id (1, 2, 3, ... one per `begin()`): its identifier.
    public var transactionNumber: Int64
    /// The partitions it wrote to.
    public var partitions: [TopicPartition]
    /// When it began, epoch ms.
    public var startedAt: Int64
}

/// The store's transaction coordinator: per transactional id, the producer id, the current epoch and
/// the state of its transaction, persisted in `transactions.log` (a checksummed `KeyValueLog`).
///
/// Commit and abort follow Kafka's two steps: the decision is persisted first (`prepareCommit` /
/// `prepareAbort`), then markers are written to every partition, then the transaction is marked
/// complete. A decision found on open is carried out then, so a crash between the steps loses nothing.
final class TransactionCoordinator: Sendable {
    enum Phase: String, Codable {
        case empty, ongoing, prepareCommit, prepareAbort
    }

    struct Record: Codable, Equatable {
        var producerId: Int64
        var epoch: Int16
        var phase: Phase
        var partitions: [TopicPartition]
        var transactionNumber: Int64
        var startedAt: Int64
        /// The producer id and epoch the open transaction's batches carry.
        var transactionProducerId: Int64
        var transactionEpoch: Int16

        /// The epoch markers and fences use: the current one, or the largest possible when the epoch
        /// wrapped to a fresh producer id while a transaction of the old id was open.
        var markerEpoch: Int16 { transactionProducerId == producerId ? epoch : Int16.max }
    }

    private let log: KeyValueLog
    private let records: Mutex<[String: Record]>
    private let nextProducerId: Atomic<Int64>
    private let clock: @Sendable () -> Int64
    private let timeoutMilliseconds: Int64

    init(
        log: KeyValueLog, clock: @escaping @Sendable () -> Int64, timeout: Duration, countsDowntime: Bool
    ) throws(LogError) {
        self.log = log
        self.clock = clock
        timeoutMilliseconds = Int64(timeout.nanoseconds / 1_000_000)
        var decoded: [String: Record] = [:]
        for (id, bytes) in log.entries {
            guard let record = try? JSONDecoder().decode(Record.self, from: Data(bytes)) else {
                throw LogError.corruptFile(path: log.path, reason: "unreadable state of transactional id '\(id)'")
            }
            decoded[id] = record
        }
        if !countsDowntime {
            // The owner was down as long as its producers: open transactions get a full timeout again.
            let now = clock()
            for id in decoded.keys where decoded[id]!.phase == .ongoing { decoded[id]!.startedAt = now }
        }
        nextProducerId = Atomic(max(1000, (decoded.values.map(\.producerId).max() ?? 0) + 1))
        records = Mutex(decoded)
    }

    // MARK: Producer instances

    /// Registers a new instance of `id`: bumps and persists the epoch, fences older instances in every
    /// partition of the open transaction, and returns the transaction they left open, if any.
    func initProducer(
        id: String, store: LogStore
    ) throws(LogError) -> (producerId: Int64, epoch: Int16, pending: PendingTransaction?) {
        let record = try records.withLock { (records) throws(LogError) -> Record in
            var record =
                records[id]
                ?? Record(
                    producerId: nextProducerId.add(1, ordering: .relaxed).oldValue, epoch: -1, phase: .empty,
                    partitions: [], transactionNumber: 0, startedAt: 0, transactionProducerId: -1, transactionEpoch: -1)
            if record.epoch == Int16.max {
                // Epochs are 16 bits, as in Kafka: start over under a fresh producer id.
                record.producerId = nextProducerId.add(1, ordering: .relaxed).oldValue
                record.epoch = 0
            } else {
                record.epoch += 1
            }
            try persist(id, record, into: &records)
            return record
        }
        try fence(record, store: store)
        switch record.phase {
        case .prepareCommit, .prepareAbort:
            try finish(id: id, record: record, store: store)
            return (record.producerId, record.epoch, nil)
        case .ongoing:
            let pending = PendingTransaction(
                producerId: record.transactionProducerId, epoch: record.transactionEpoch,
                transactionNumber: record.transactionNumber, partitions: record.partitions, startedAt: record.startedAt)
            return (record.producerId, record.epoch, pending)
        case .empty:
            return (record.producerId, record.epoch, nil)
        }
    }

    /// Starts a transaction. A transaction left by an older instance is aborted first.
    func begin(id: String, producerId: Int64, epoch: Int16, store: LogStore) throws(LogError) -> Int64 {
        let leftOver = try records.withLock { (records) throws(LogError) -> Record? in
            let record = try current(id, producerId: producerId, epoch: epoch, in: records)
            if record.phase == .ongoing && record.transactionEpoch == epoch {
                throw LogError.invalidTransactionState(transactionalId: id, message: "a transaction is already open")
            }
            return record.phase == .empty ? nil : record
        }
        if leftOver != nil {
            try complete(id: id, producerId: producerId, epoch: epoch, commit: false, store: store, pendingOnly: false)
        }
        return try records.withLock { (records) throws(LogError) -> Int64 in
            var record = try current(id, producerId: producerId, epoch: epoch, in: records)
            record.phase = .ongoing
            record.partitions = []
            record.transactionNumber += 1
            record.startedAt = clock()
            record.transactionProducerId = producerId
            record.transactionEpoch = epoch
            // Not persisted until the first partition joins: an empty transaction has nothing to undo.
            records[id] = record
            return record.transactionNumber
        }
    }

    /// Adds a partition to the open transaction and persists it before any data is written there,
    /// so that recovery knows where markers must go.
    func addPartition(id: String, producerId: Int64, epoch: Int16, _ topicPartition: TopicPartition) throws(LogError) {
        try records.withLock { (records) throws(LogError) in
            var record = try current(id, producerId: producerId, epoch: epoch, in: records)
            guard record.phase == .ongoing, record.transactionEpoch == epoch else {
                throw LogError.invalidTransactionState(transactionalId: id, message: "call begin() before appending")
            }
            guard !record.partitions.contains(topicPartition) else { return }
            record.partitions.append(topicPartition)
            try persist(id, record, into: &records)
        }
    }

    /// Commits or aborts the open transaction (`pendingOnly`: only one left by an older instance).
    func complete(
        id: String, producerId: Int64, epoch: Int16, commit: Bool, store: LogStore, pendingOnly: Bool
    ) throws(LogError) {
        let record = try records.withLock { (records) throws(LogError) -> Record in
            var record = try current(id, producerId: producerId, epoch: epoch, in: records)
            switch record.phase {
            case .empty:
                throw LogError.invalidTransactionState(transactionalId: id, message: "no transaction is open")
            case .ongoing:
                if pendingOnly && record.transactionEpoch == epoch {
                    throw LogError.invalidTransactionState(
                        transactionalId: id,
                        message: "the open transaction belongs to this instance; use commit() or abort()")
                }
                if !pendingOnly && record.transactionEpoch != epoch && commit {
                    throw LogError.invalidTransactionState(
                        transactionalId: id,
                        message: "an older instance's transaction can only be committed with completePending")
                }
                record.phase = commit ? .prepareCommit : .prepareAbort
                try persist(id, record, into: &records)
            case .prepareCommit, .prepareAbort:
                break
            }
            return record
        }
        try finish(id: id, record: record, store: store)
    }

    /// Aborts open transactions older than the timeout, bumping their epoch so a zombie is fenced.
    /// Returns the transactional ids aborted.
    func abortTimedOut(store: LogStore) throws(LogError) -> [String] {
        let now = clock()
        let expired = try records.withLock { (records) throws(LogError) -> [(String, Record)] in
            var expired: [(String, Record)] = []
            for (id, record) in records where record.phase == .ongoing && now - record.startedAt > timeoutMilliseconds {
                var updated = record
                updated.epoch = record.epoch == Int16.max ? record.epoch : record.epoch + 1
                updated.phase = .prepareAbort
                try persist(id, updated, into: &records)
                expired.append((id, updated))
            }
            return expired
        }
        for (id, record) in expired {
            try fence(record, store: store)
            try finish(id: id, record: record, store: store)
            store.options.log(
                "aborted transaction \(record.transactionNumber) of '\(id)': open longer than the timeout")
        }
        return expired.map(\.0).sorted()
    }

    /// Carries out commit or abort decisions persisted before a crash (called when the store opens).
    func completeDecidedTransactions(store: LogStore) throws(LogError) {
        let decided = records.withLock { records in
            records.filter { $0.value.phase == .prepareCommit || $0.value.phase == .prepareAbort }
        }
        for (id, record) in decided.sorted(by: { $0.key < $1.key }) {
            try finish(id: id, record: record, store: store)
            store.options.log(
                "completed the \(record.phase == .prepareCommit ? "commit" : "abort") of transaction "
                    + "\(record.transactionNumber) of '\(id)' after a restart")
        }
    }

    /// The current epoch of a transactional id (nil when unknown).
    func epoch(of id: String) -> Int16? {
        records.withLock { $0[id]?.epoch }
    }

    // MARK: Steps

    private func finish(id: String, record: Record, store: LogStore) throws(LogError) {
        let marker: TransactionMarker = record.phase == .prepareCommit ? .commit : .abort
        for topicPartition in record.partitions {
            let partition: PartitionLog
            do {
                partition = try store.partitionLog(topicPartition)
            } catch let error where error == .unknownTopic(topicPartition.topic) {
                continue  // the topic was deleted meanwhile: nothing to mark
            }
            _ = try partition.appendMarker(marker, producerId: record.transactionProducerId, epoch: record.markerEpoch)
        }
        try records.withLock { (records) throws(LogError) in
            guard var latest = records[id], latest.transactionNumber == record.transactionNumber,
                latest.phase == record.phase
            else { return }
            latest.phase = .empty
            latest.partitions = []
            try persist(id, latest, into: &records)
        }
    }

    private func fence(_ record: Record, store: LogStore) throws(LogError) {
        for topicPartition in record.partitions {
            guard let partition = try? store.partitionLog(topicPartition) else { continue }
            partition.fence(producerId: record.transactionProducerId, epoch: record.markerEpoch)
        }
    }

    private func current(
        _ id: String, producerId: Int64, epoch: Int16, in records: [String: Record]
    ) throws(LogError) -> Record {
        guard let record = records[id] else {
            throw LogError.invalidTransactionState(transactionalId: id, message: "unknown transactional id")
        }
        if record.producerId != producerId || record.epoch != epoch {
            throw LogError.producerFenced(transactionalId: id, epoch: epoch, currentEpoch: record.epoch)
        }
        return record
    }

    private func persist(_ id: String, _ record: Record, into records: inout [String: Record]) throws(LogError) {
        let bytes = Array((try? JSONEncoder().encode(record)) ?? Data())
        try log.put([(key: id, value: bytes)])
        records[id] = record
    }
}

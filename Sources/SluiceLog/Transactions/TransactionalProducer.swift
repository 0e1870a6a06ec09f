// SPDX-License-Identifier: Apache-2.0
import Synchronization

/// One instance of a transactional producer: writes to any partitions atomically, as Kafka's
/// transactional producer does.
///
/// Creating an instance (`LogStore.transactionalProducer(id:)`) bumps the id's epoch, which fences
/// every older instance: their appends, commits and aborts throw `LogError.producerFenced`. A
/// transaction the previous instance left open is exposed as `pendingTransaction`; resolve it with
/// `completePending(commit:)` (roll forward when your own checkpoint recorded the commit decision) or
/// let `begin()` abort it.
///
///     let producer = try store.transactionalProducer(id: "job-7")
///     if let pending = producer.pendingTransaction {
///         try producer.completePending(commit: checkpoint.committedTransaction == pending.transactionNumber)
///     }
///     try producer.begin()
///     _ = try producer.append(builder, to: TopicPartition("totals", 3))
///     try producer.commit()
public final class TransactionalProducer: Sendable {
    private struct Local {
        var pending: PendingTransaction?
        var transactionNumber: Int64?
        var partitions: Set<TopicPartition> = []
        var sequences: [TopicPartition: Int32] = [:]
    }

    /// The transactional id this producer was created with.
    public let transactionalId: String
    /// The producer id its batches carry.
    public let producerId: Int64
    /// This instance's epoch.
    public let epoch: Int16
    private let store: LogStore
    private let local: Mutex<Local>

    init(id: String, store: LogStore) throws(LogError) {
        let (producerId, epoch, pending) = try store.coordinator.initProducer(id: id, store: store)
        transactionalId = id
        self.producerId = producerId
        self.epoch = epoch
        self.store = store
        local = Mutex(Local(pending: pending))
    }

    /// The transaction an older instance left open, until it is resolved.
    public var pendingTransaction: PendingTransaction? { local.withLock { $0.pending } }

    /// The number of the open transaction (its identifier), or nil when none is open.
    public var transactionNumber: Int64? { local.withLock { $0.transactionNumber } }

    /// Commits (`commit: true`) or aborts the transaction an older instance left open.
    public func completePending(commit: Bool) throws {
        guard pendingTransaction != nil else {
            throw LogError.invalidTransactionState(transactionalId: transactionalId, message: "no pending transaction")
        }
        try fenceErrors { () throws(LogError) in
            try store.coordinator.complete(
                id: transactionalId, producerId: producerId, epoch: epoch, commit: commit, store: store,
                pendingOnly: true)
        }
        local.withLock { $0.pending = nil }
    }

    /// Starts a transaction; a pending transaction of an older instance is aborted first.
    public func begin() throws {
        let number = try fenceErrors { () throws(LogError) -> Int64 in
            try store.coordinator.begin(id: transactionalId, producerId: producerId, epoch: epoch, store: store)
        }
        local.withLock { local in
            local.pending = nil
            local.transactionNumber = number
            local.partitions = []
        }
    }

    /// Appends a batch to a partition inside the open transaction; returns its base offset.
    ///
    /// The batch is invisible to read-committed readers until `commit()`. The partition joins the
    /// transaction (persisted by the coordinator) before its first batch is written.
    public func append(_ builder: RecordBatchBuilder, to topicPartition: TopicPartition) throws -> Int64 {
        let (joined, sequence) = try local.withLock { (local) throws(LogError) -> (Bool, Int32) in
            guard local.transactionNumber != nil else {
                throw LogError.invalidTransactionState(
                    transactionalId: transactionalId, message: "call begin() before appending")
            }
            return (local.partitions.contains(topicPartition), local.sequences[topicPartition] ?? 0)
        }
        return try fenceErrors { () throws(LogError) -> Int64 in
            let partition = try store.partitionLog(topicPartition)
            if !joined {
                try store.coordinator.addPartition(
                    id: transactionalId, producerId: producerId, epoch: epoch, topicPartition)
                local.withLock { _ = $0.partitions.insert(topicPartition) }
            }
            let stamp = AppendStamp(
                producer: ProducerStamp(producerId: producerId, epoch: epoch, baseSequence: sequence),
                transactional: true)
            let offset = try partition.append(builder, stamp: stamp)
            local.withLock { $0.sequences[topicPartition] = sequence &+ Int32(builder.count) }
            return offset
        }
    }

    /// Appends records to a topic inside the open transaction (one batch per partition).
    public func append(_ records: [ProducerRecord], to topic: String) throws -> [RecordPosition] {
        let count = try store.partitionCount(of: topic)
        let now = store.options.clock()
        var builders: [Int: RecordBatchBuilder] = [:]
        var placement: [(partition: Int, index: Int)] = []
        for (index, record) in records.enumerated() {
            let partition =
                record.partition
                ?? record.key.map { KeyPartitioner.partition(forKey: $0, partitionCount: count) } ?? index % count
            let builder = builders[partition] ?? RecordBatchBuilder(capacity: 4096)
            builders[partition] = builder
            placement.append((partition, builder.count))
            builder.append(
                key: record.key, value: record.value, timestamp: record.timestamp ?? now, headers: record.headers)
        }
        var bases: [Int: Int64] = [:]
        for (partition, builder) in builders.sorted(by: { $0.key < $1.key }) {
            bases[partition] = try append(builder, to: TopicPartition(topic, partition))
        }
        return placement.map { RecordPosition(partition: $0.partition, offset: bases[$0.partition]! + Int64($0.index)) }
    }

    /// Commits the open transaction: its data becomes visible to read-committed readers atomically.
    public func commit() throws {
        try end(commit: true)
    }

    /// Aborts the open transaction: read-committed readers never see its data.
    public func abort() throws {
        try end(commit: false)
    }

    private func end(commit: Bool) throws {
        guard transactionNumber != nil else {
            throw LogError.invalidTransactionState(transactionalId: transactionalId, message: "no transaction is open")
        }
        try fenceErrors { () throws(LogError) in
            try store.coordinator.complete(
                id: transactionalId, producerId: producerId, epoch: epoch, commit: commit, store: store,
                pendingOnly: false)
        }
        local.withLock { local in
            local.transactionNumber = nil
            local.partitions = []
        }
    }

    /// Reports a partition-level fence under this producer's transactional id.
    private func fenceErrors<T>(_ body: () throws(LogError) -> T) throws(LogError) -> T {
        do {
            return try body()
        } catch .producerFenced(_, let epoch, let current) {
            throw LogError.producerFenced(transactionalId: transactionalId, epoch: epoch, currentEpoch: current)
        }
    }
}

extension LogStore {
    /// Creates a new instance of the transactional producer `id`, fencing all older instances.
    ///
    /// The epoch is bumped and persisted; a transaction the previous instance left open is exposed as
    /// `pendingTransaction` for the caller to roll forward or abort.
    public func transactionalProducer(id: String) throws -> TransactionalProducer {
        try checkOpen()
        return try TransactionalProducer(id: id, store: self)
    }

    /// Aborts open transactions older than `LogStoreOptions.transactionTimeout` (also run periodically
    /// in the background). Returns the transactional ids whose transactions were aborted.
    @discardableResult
    public func abortTimedOutTransactions() throws -> [String] {
        try checkOpen()
        return try coordinator.abortTimedOut(store: self)
    }
}

// SPDX-License-Identifier: Apache-2.0

/// Where a record landed.
public struct RecordPosition: Hashable, Sendable {
    public var partition: Int
    public var offset: Int64
}

extension LogStore {
    // MARK: Appending

    /// Appends the batch in `builder` to a partition and returns the offset of its first record.
    ///
    /// The batch is framed in place (offsets, CRC32C) and written with one system call; with
    /// `SyncMode.always` it is synced before this returns. The builder keeps its records: call
    /// `reset()` before reusing it.
    public func append(_ builder: RecordBatchBuilder, to topicPartition: TopicPartition) throws -> Int64 {
        try partitionLog(topicPartition).append(builder)
    }

    /// Appends records to a topic, one batch per partition, and returns where each record landed (in input order).
    ///
    /// A record without a partition goes where Kafka's default partitioner puts its key, or round-robin
    /// when it has no key.
    public func append(_ records: [ProducerRecord], to topic: String) throws -> [RecordPosition] {
        let topic = try self.topic(named: topic)
        let count = topic.partitionCount
        let now = options.clock()
        var builders: [Int: RecordBatchBuilder] = [:]
        var placement: [(partition: Int, index: Int)] = []
        placement.reserveCapacity(records.count)
        for record in records {
            let partition: Int
            if let chosen = record.partition {
                guard chosen >= 0 && chosen < count else {
                    throw LogError.unknownPartition(topic: topic.name, partition: chosen)
                }
                partition = chosen
            } else if let key = record.key {
                partition = KeyPartitioner.partition(forKey: key, partitionCount: count)
            } else {
                partition = topic.nextPartition.add(1, ordering: .relaxed).oldValue % count
            }
            let builder = builders[partition] ?? RecordBatchBuilder(capacity: 4096)
            builders[partition] = builder
            placement.append((partition, builder.count))
            builder.append(
                key: record.key, value: record.value, timestamp: record.timestamp ?? now, headers: record.headers)
        }
        var bases: [Int: Int64] = [:]
        for (partition, builder) in builders.sorted(by: { $0.key < $1.key }) {
            bases[partition] = try topic.partition(partition).append(builder)
        }
        return placement.map { RecordPosition(partition: $0.partition, offset: bases[$0.partition]! + Int64($0.index)) }
    }

    // MARK: Reading

    /// Reads whole batches of a partition from `offset` on: about `maxBytes` (at least one batch),
    /// never past the end visible at `isolation` (the last stable offset for `.readCommitted`).
    ///
    /// Every batch returned passed its CRC check; a corrupt one throws `LogError.corruptBatch` naming
    /// the topic, partition and offset. Reading at the end returns an empty result.
    /// - Parameter buffer: memory to read into, reused across calls; the result is valid until its next use.
    public func read(
        _ topicPartition: TopicPartition, from offset: Int64, maxBytes: Int = 1 << 20,
        isolation: IsolationLevel = .readCommitted, buffer: FetchBuffer? = nil
    ) throws -> FetchResult {
        try partitionLog(topicPartition).read(
            from: offset, maxBytes: max(1, maxBytes), isolation: isolation,
            buffer: buffer ?? FetchBuffer(capacity: 0))
    }

    /// The first offset still stored (older segments were deleted by retention).
    public func startOffset(_ topicPartition: TopicPartition) throws -> Int64 {
        try partitionLog(topicPartition).startOffset
    }

    /// One past the last appended offset (the high watermark).
    public func endOffset(_ topicPartition: TopicPartition) throws -> Int64 {
        try partitionLog(topicPartition).endOffset
    }

    /// The first offset of the oldest open transaction, or the end offset when none is open.
    /// Read-committed readers stop here.
    public func lastStableOffset(_ topicPartition: TopicPartition) throws -> Int64 {
        try partitionLog(topicPartition).lastStableOffset
    }

    /// The earliest offset whose record timestamp is at least `timestamp`, or nil when no record is that late.
    public func offset(forTimestamp timestamp: Int64, in topicPartition: TopicPartition) throws -> Int64? {
        try partitionLog(topicPartition).offset(forTimestamp: timestamp)
    }

    /// The number of partitions of a topic.
    public func partitionCount(of topic: String) throws -> Int {
        try self.topic(named: topic).partitionCount
    }

    /// The partition Kafka's default partitioner picks for a serialized key: `toPositive(murmur2(key)) % count`.
    public static func partition(forKey key: [UInt8], partitionCount: Int) -> Int {
        KeyPartitioner.partition(forKey: key, partitionCount: partitionCount)
    }

    // MARK: Consumer offsets

    /// Stores a consumer's positions (the next offset it will read) atomically, durably unless the
    /// store's sync mode is `never`.
    public func commitOffsets(consumer: String, _ offsets: [TopicPartition: Int64]) throws {
        try checkOpen()
        try consumerOffsets.put(
            offsets.map { (key: OffsetKey.make(consumer: consumer, $0.key), value: OffsetKey.encode($0.value)) })
    }

    /// The positions a consumer committed last.
    public func committedOffsets(consumer: String) -> [TopicPartition: Int64] {
        var result: [TopicPartition: Int64] = [:]
        for (key, value) in consumerOffsets.entries {
            if let (owner, topicPartition) = OffsetKey.parse(key), owner == consumer,
                let offset = OffsetKey.decode(value)
            {
                result[topicPartition] = offset
            }
        }
        return result
    }

    // MARK: Waiting

    /// Blocks until a partition in `positions` has data beyond its offset, the timeout passes, or the
    /// waiter is cancelled. Appends wake the waiter through a condition variable; nothing polls.
    ///
    /// - Parameter positions: for each partition, the next offset the caller will read.
    public func waitForData(
        _ positions: [TopicPartition: Int64], isolation: IsolationLevel = .readCommitted, timeout: Duration,
        waiter: LogWaiter
    ) throws -> WaitOutcome {
        let watched = try positions.map { (key, offset) throws(LogError) in (key, try partitionLog(key), offset) }
        let deadline = monotonicNanoseconds() + timeout.nanoseconds
        for (_, partition, _) in watched { _ = partition.addWatcher(waiter, isolation: isolation) }
        defer { for (_, partition, _) in watched { partition.removeWatcher(waiter) } }
        while true {
            if waiter.isCancelled { return .cancelled }
            try checkOpen()
            let ready = watched.filter { $0.1.visibleEnd(isolation) > $0.2 }.map(\.0)
            if !ready.isEmpty { return .ready(ready) }
            if monotonicNanoseconds() >= deadline { return .timedOut }
            _ = waiter.signal.wait(until: deadline)
        }
    }

    /// The async form of `waitForData`: suspends instead of blocking a thread, and returns `.cancelled`
    /// when the task is cancelled.
    public func waitForData(
        _ positions: [TopicPartition: Int64], isolation: IsolationLevel = .readCommitted, timeout: Duration
    ) async throws -> WaitOutcome {
        let watched = try positions.map { (key, offset) throws(LogError) in (key, try partitionLog(key), offset) }
        let deadline = monotonicNanoseconds() + timeout.nanoseconds
        while true {
            if Task.isCancelled { return .cancelled }
            try checkOpen()
            let ready = watched.filter { $0.1.visibleEnd(isolation) > $0.2 }.map(\.0)
            if !ready.isEmpty { return .ready(ready) }
            let now = monotonicNanoseconds()
            if now >= deadline { return .timedOut }
            let watcher = AsyncWatcher()
            for (_, partition, _) in watched { _ = partition.addWatcher(watcher, isolation: isolation) }
            let remaining = Duration.nanoseconds(Int64(deadline - now))
            let timer = Task {
                try? await Task.sleep(for: remaining)
                watcher.fire()
            }
            // Data that arrived before the watcher was registered would not wake it: check once more.
            if watched.contains(where: { $0.1.visibleEnd(isolation) > $0.2 }) { watcher.fire() }
            await withTaskCancellationHandler {
                await withCheckedContinuation { watcher.install($0) }
            } onCancel: {
                watcher.fire()
            }
            timer.cancel()
            for (_, partition, _) in watched { partition.removeWatcher(watcher) }
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to zero and above.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}

/// Keys of the consumer-offsets log: consumer, topic and partition separated by NUL bytes.
enum OffsetKey {
    static func make(consumer: String, _ topicPartition: TopicPartition) -> String {
        consumer + "\u{0}" + topicPartition.topic + "\u{0}" + String(topicPartition.partition)
    }

    static func parse(_ key: String) -> (String, TopicPartition)? {
        let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
        guard parts.count == 3, let partition = Int(parts[2]) else { return nil }
        return (String(parts[0]), TopicPartition(String(parts[1]), partition))
    }

    static func topic(of key: String) -> String? {
        parse(key)?.1.topic
    }

    static func encode(_ offset: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        appendBigEndian(offset, to: &bytes)
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count == 8 else { return nil }
        return bytes.withUnsafeBytes { loadBigEndian($0.baseAddress!, 0, as: Int64.self) }
    }
}

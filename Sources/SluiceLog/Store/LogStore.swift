// SPDX-License-Identifier: Apache-2.0
import Synchronization

/// Sluice's built-in partitioned log: topics of partitions of segments under one data directory.
///
///     <data>/topics/<topic>/topic.json
///     <data>/topics/<topic>/<partition>/<base-offset>.log   (.index, .timeindex, .snapshot, aborted.txnindex)
///     <data>/consumer-offsets.log
///     <data>/transactions.log
///
/// Thread safety: any number of threads may read and wait; appends to one partition are serialized
/// by the partition (one writer at a time), appends to different partitions run in parallel.
/// One process should own a data directory at a time; see `DataDirectoryLock`.
public final class LogStore: Sendable {
    /// The data directory.
    public let directory: String
    public let options: LogStoreOptions

    let topics: Mutex<[String: Topic]>
    let consumerOffsets: KeyValueLog
    let coordinator: TransactionCoordinator
    let maintenance = Mutex<MaintenanceThread?>(nil)
    let isClosed = Atomic<Bool>(false)
    private let temporaryCounter = Atomic<Int>(0)
    /// The latest cut of each partition `repair` made while the store was open.
    let truncations = Mutex<[TopicPartition: PartitionTruncation]>([:])

    var fileSystem: any LogFileSystem { options.fileSystem }
    var topicsDirectory: String { directory + "/topics" }
    var trashDirectory: String { directory + "/trash" }

    /// Opens (creating if needed) the store in `directory`.
    ///
    /// Partitions are opened, and their tails validated, when first used. Transactions whose commit
    /// or abort was decided but not finished are completed here.
    /// - Throws: `LogError` for I/O failures, corrupt metadata or invalid options.
    public init(directory: String, options: LogStoreOptions = LogStoreOptions()) throws {
        if let problem = Self.problem(with: options) { throw LogError.invalidArgument(problem) }
        self.directory = directory
        self.options = options
        let fileSystem = options.fileSystem
        try fileSystem.createDirectory(directory + "/topics")
        try fileSystem.remove(directory + "/trash")
        try fileSystem.createDirectory(directory + "/trash")
        let syncsMetadata = options.syncMode != .never
        consumerOffsets = try KeyValueLog(
            path: directory + "/consumer-offsets.log", fileSystem: fileSystem, syncs: syncsMetadata)
        coordinator = try TransactionCoordinator(
            log: KeyValueLog(path: directory + "/transactions.log", fileSystem: fileSystem, syncs: syncsMetadata),
            clock: options.clock, timeout: options.transactionTimeout,
            countsDowntime: options.transactionTimeoutCountsDowntime)
        topics = Mutex([:])
        var loaded: [String: Topic] = [:]
        for name in try fileSystem.contentsOfDirectory(directory + "/topics") {
            let metadataPath = topicsDirectory + "/" + name + "/" + Topic.metadataFile
            guard fileSystem.exists(metadataPath) else { continue }
            let bytes = try fileSystem.openFile(metadataPath, create: false).readAll()
            loaded[name] = makeTopic(name: name, config: try Topic.decode(bytes, path: metadataPath))
        }
        topics.withLock { $0 = loaded }
        try coordinator.completeDecidedTransactions(store: self)
        _ = try coordinator.abortTimedOut(store: self)
        if options.runsBackgroundMaintenance {
            maintenance.withLock { $0 = MaintenanceThread(store: self) }
        }
    }

    /// Syncs and closes every open partition; the store cannot be used afterwards.
    public func close() throws {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        maintenance.withLock { thread in
            thread?.stop()
            thread = nil
        }
        var firstError: LogError?
        for topic in topics.withLock({ Array($0.values) }) {
            for partition in topic.openPartitions {
                do { try partition.close() } catch { firstError = firstError ?? error }
            }
        }
        if let firstError { throw firstError }
    }

    /// Stops the store as a crash would: nothing is synced and no clean-shutdown marker is written.
    /// For tests of recovery (with `SimulatedFileSystem.simulatePowerLoss()` for a power cut).
    public func simulateCrash() {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        maintenance.withLock { thread in
            thread?.stop()
            thread = nil
        }
        for topic in topics.withLock({ Array($0.values) }) {
            for partition in topic.openPartitions { partition.abandon() }
        }
    }

    /// What opening each partition found and repaired (truncated tails, rebuilt indexes), for the
    /// partitions opened so far.
    public var recoveryReports: [RecoveryReport] {
        topics.withLock { Array($0.values) }.flatMap { $0.openPartitions.map(\.recoveryReport) }
            .sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    /// Opens every partition of every topic now (instead of on first use) and returns what recovery
    /// found in each: call it at startup to validate the whole store before serving.
    @discardableResult
    public func openAllPartitions() throws -> [RecoveryReport] {
        try checkOpen()
        for topic in topics.withLock({ Array($0.values) }) { _ = try topic.allPartitions() }
        return recoveryReports
    }

    /// Opens every partition of one topic now and returns what recovery found in each.
    @discardableResult
    public func openPartitions(of topic: String) throws -> [RecoveryReport] {
        try checkOpen()
        return try self.topic(named: topic).allPartitions().map(\.recoveryReport)
    }

    // MARK: Topics

    /// The names of every topic, sorted.
    public var topicNames: [String] {
        topics.withLock { $0.keys.sorted() }
    }

    /// Creates a topic with its partitions.
    /// - Throws: `LogError.invalidTopicName`, `.topicAlreadyExists`, `.invalidArgument` for a bad config.
    public func createTopic(_ name: String, config: TopicConfig = TopicConfig()) throws {
        try checkOpen()
        try TopicName.validate(name)
        if let problem = config.problem() { throw LogError.invalidArgument(problem) }
        // Build the topic in the trash directory, then rename it into place: a crash leaves either
        // no topic or a complete one.
        let staging = trashDirectory + "/create-\(temporaryCounter.add(1, ordering: .relaxed).newValue)"
        try fileSystem.createDirectory(staging)
        for partition in 0..<config.partitions { try fileSystem.createDirectory(staging + "/\(partition)") }
        try fileSystem.writeAtomically(Topic.encode(config), to: staging + "/" + Topic.metadataFile)
        try topics.withLock { (topics) throws(LogError) in
            guard topics[name] == nil, !fileSystem.exists(topicsDirectory + "/" + name) else {
                try? fileSystem.remove(staging)
                throw LogError.topicAlreadyExists(name)
            }
            try fileSystem.rename(staging, to: topicsDirectory + "/" + name)
            try fileSystem.syncDirectory(topicsDirectory)
            topics[name] = makeTopic(name: name, config: config)
        }
    }

    /// Deletes a topic and all its data. Readers of it get `LogError.closed` or `.unknownTopic`.
    public func deleteTopic(_ name: String) throws {
        try checkOpen()
        let topic = try topics.withLock { (topics) throws(LogError) -> Topic in
            guard let topic = topics.removeValue(forKey: name) else { throw LogError.unknownTopic(name) }
            return topic
        }
        for partition in topic.openPartitions { partition.abandon() }
        let doomed = trashDirectory + "/delete-\(temporaryCounter.add(1, ordering: .relaxed).newValue)"
        try fileSystem.rename(topic.directory, to: doomed)
        try fileSystem.syncDirectory(topicsDirectory)
        try fileSystem.remove(doomed)
        try consumerOffsets.put(
            consumerOffsets.entries.keys.filter { OffsetKey.topic(of: $0) == name }.map { (key: $0, value: nil) })
    }

    /// A topic's configuration.
    public func topicConfig(_ name: String) throws -> TopicConfig {
        try topic(named: name).config
    }

    /// Whether a topic exists.
    public func hasTopic(_ name: String) -> Bool {
        topics.withLock { $0[name] != nil }
    }

    /// Changes a topic's retention, compaction settings or properties (not its partition count).
    public func alterTopic(_ name: String, _ change: (inout TopicConfig) -> Void) throws {
        try checkOpen()
        let topic = try topic(named: name)
        var config = topic.config
        change(&config)
        guard config.partitions == topic.config.partitions else {
            throw LogError.invalidArgument("the partition count of a topic cannot change")
        }
        if let problem = config.problem() { throw LogError.invalidArgument(problem) }
        try fileSystem.writeAtomically(Topic.encode(config), to: topic.directory + "/" + Topic.metadataFile)
        if config.compact == topic.config.compact && config.segmentBytes == topic.config.segmentBytes {
            topic.update(config)
            return
        }
        // Compaction and segment size are baked into open partitions: reopen them.
        for partition in topic.openPartitions { try partition.close() }
        topics.withLock { $0[name] = makeTopic(name: name, config: config) }
    }

    /// Describes every partition of a topic: offsets, size, segments and timestamps.
    public func describe(_ name: String) throws -> TopicDescription {
        let topic = try topic(named: name)
        return TopicDescription(
            name: name, config: topic.config, partitions: try topic.allPartitions().map { try $0.describe() })
    }

    // MARK: Internals

    func topic(named name: String) throws(LogError) -> Topic {
        guard let topic = topics.withLock({ $0[name] }) else { throw LogError.unknownTopic(name) }
        return topic
    }

    func partitionLog(_ topicPartition: TopicPartition) throws(LogError) -> PartitionLog {
        try checkOpen()
        return try topic(named: topicPartition.topic).partition(topicPartition.partition)
    }

    func checkOpen() throws(LogError) {
        if isClosed.load(ordering: .acquiring) { throw LogError.closed }
    }

    private func makeTopic(name: String, config: TopicConfig) -> Topic {
        let topicDirectory = topicsDirectory + "/" + name
        let options = options
        return Topic(name: name, directory: topicDirectory, config: config) { partition in
            PartitionContext(
                topic: name, partition: partition, directory: topicDirectory + "/\(partition)",
                fileSystem: options.fileSystem, syncMode: options.syncMode,
                segmentBytes: Int64(config.segmentBytes ?? options.segmentBytes),
                segmentMilliseconds: options.segmentMilliseconds,
                indexIntervalBytes: Int64(options.indexIntervalBytes), maxBatchBytes: options.maxBatchBytes,
                compacted: config.compact, clock: options.clock, log: options.log)
        }
    }

    private static func problem(with options: LogStoreOptions) -> String? {
        if options.segmentBytes < 1024 || options.segmentBytes > Int(Int32.max) {
            return "segment size must be between 1 KiB and 2 GiB"
        }
        if options.indexIntervalBytes < 1 { return "the index interval must be positive" }
        if options.maxBatchBytes < 1024 || options.maxBatchBytes > Int(Int32.max) {
            return "the batch limit must be between 1 KiB and 2 GiB"
        }
        if options.syncInterval <= .zero { return "the sync interval must be positive" }
        return nil
    }
}

/// A topic and its partitions, as `sluice topic describe` shows them.
public struct TopicDescription: Sendable, Equatable {
    public var name: String
    public var config: TopicConfig
    public var partitions: [PartitionDescription]
}

/// One partition's offsets, size and timestamps.
public struct PartitionDescription: Sendable, Equatable {
    public var partition: Int
    public var startOffset: Int64
    public var endOffset: Int64
    public var lastStableOffset: Int64
    public var bytes: Int64
    public var segmentCount: Int
    /// The timestamp of the first record still stored, or nil when the partition is empty.
    public var firstTimestamp: Int64?
    /// The largest record timestamp, or nil when the partition is empty.
    public var lastTimestamp: Int64?
}

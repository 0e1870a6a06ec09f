// SPDX-License-Identifier: Apache-2.0
import Foundation
import Synchronization

/// A topic's partitions, opened on first use so that listing topics or touching one partition does not
/// recover every partition of the store.
final class Topic: Sendable {
    let name: String
    let directory: String
    private let currentConfig: Mutex<TopicConfig>
    private let partitions: Mutex<[PartitionLog?]>
    private let makeContext: @Sendable (Int) -> PartitionContext
    /// Round-robin cursor for records without a key.
    let nextPartition = Atomic<Int>(0)

    init(
        name: String, directory: String, config: TopicConfig, makeContext: @escaping @Sendable (Int) -> PartitionContext
    ) {
        self.name = name
        self.directory = directory
        self.currentConfig = Mutex(config)
        self.makeContext = makeContext
        self.partitions = Mutex(Array(repeating: nil, count: config.partitions))
    }

    /// The topic's current settings.
    var config: TopicConfig { currentConfig.withLock { $0 } }

    /// Changes settings that need no reopening (retention, tombstone retention, properties).
    func update(_ config: TopicConfig) {
        currentConfig.withLock { $0 = config }
    }

    /// The partition, opening (and recovering) it if needed.
    func partition(_ index: Int) throws(LogError) -> PartitionLog {
        guard index >= 0 && index < partitionCount else {
            throw LogError.unknownPartition(topic: name, partition: index)
        }
        return try partitions.withLock { (partitions) throws(LogError) -> PartitionLog in
            if let open = partitions[index] { return open }
            let opened = try PartitionLog(context: makeContext(index))
            partitions[index] = opened
            return opened
        }
    }

    var partitionCount: Int { partitions.withLock { $0.count } }

    /// Every partition, opening those not open yet.
    func allPartitions() throws(LogError) -> [PartitionLog] {
        var result: [PartitionLog] = []
        for index in 0..<partitionCount { result.append(try partition(index)) }
        return result
    }

    /// The partitions opened so far.
    var openPartitions: [PartitionLog] {
        partitions.withLock { $0.compactMap { $0 } }
    }

    /// Replaces an open partition (after a repair reopened it).
    func replace(_ index: Int, with partition: PartitionLog?) {
        partitions.withLock { $0[index] = partition }
    }

    // MARK: Metadata file

    static let metadataFile = "topic.json"

    private struct Stored: Codable {
        var version: Int
        var config: TopicConfig
    }

    static func encode(_ config: TopicConfig) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array((try? encoder.encode(Stored(version: 1, config: config))) ?? Data())
    }

    static func decode(_ bytes: [UInt8], path: String) throws(LogError) -> TopicConfig {
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(bytes)) else {
            throw LogError.corruptFile(path: path, reason: "not a valid topic description")
        }
        guard stored.version == 1 else {
            throw LogError.corruptFile(path: path, reason: "unknown topic metadata version \(stored.version)")
        }
        return stored.config
    }
}

// SPDX-License-Identifier: Apache-2.0
import SluiceCore

/// A partition of a topic.
public struct TopicPartition: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var topic: String
    public var partition: Int

    public init(_ topic: String, _ partition: Int) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)-\(partition)" }

    public static func < (lhs: TopicPartition, rhs: TopicPartition) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }
}

/// A topic's settings, stored with the topic (`topic.json`).
public struct TopicConfig: Sendable, Equatable, Codable {
    /// The number of partitions (fixed at creation).
    public var partitions: Int
    /// Segments whose newest record is older than this are deleted (ms); nil keeps them forever.
    public var retentionMs: Int64?
    /// The oldest segments are deleted while the partition is larger than this (bytes); nil for no limit.
    public var retentionBytes: Int64?
    /// Keep only the latest value per key (a table's changelog), instead of deleting by age or size alone.
    public var compact: Bool
    /// How long a tombstone (null value) stays readable after its segment was last written, in a compacted topic (ms).
    public var tombstoneRetentionMs: Int64
    /// Overrides the store's segment size for this topic.
    public var segmentBytes: Int?
    /// Free-form properties for the engine (formats, the owning query, ...).
    public var properties: [String: String]

    public init(
        partitions: Int = 1, retentionMs: Int64? = nil, retentionBytes: Int64? = nil, compact: Bool = false,
        tombstoneRetentionMs: Int64 = 86_400_000, segmentBytes: Int? = nil, properties: [String: String] = [:]
    ) {
        self.partitions = partitions
        self.retentionMs = retentionMs
        self.retentionBytes = retentionBytes
        self.compact = compact
        self.tombstoneRetentionMs = tombstoneRetentionMs
        self.segmentBytes = segmentBytes
        self.properties = properties
    }

    /// Why this configuration is unusable, or nil.
    func problem() -> String? {
        if partitions < 1 || partitions > 10_000 {
            return "partitions must be between 1 and 10000, found \(partitions)"
        }
        if let retentionMs, retentionMs < 0 { return "retention-ms must not be negative" }
        if let retentionBytes, retentionBytes < 0 { return "retention-bytes must not be negative" }
        if tombstoneRetentionMs < 0 { return "tombstone retention must not be negative" }
        if let segmentBytes, segmentBytes < 1024 || segmentBytes > Int(Int32.max) {
            return "segment size must be between 1 KiB and 2 GiB"
        }
        return nil
    }
}

/// The rules for topic names, which are also directory names (`TopicNameRule`).
public enum TopicName {
    /// The longest allowed name (Kafka's limit).
    public static let maximumLength = TopicNameRule.maximumLength

    /// Throws `LogError.invalidTopicName` unless `name` is 1–249 characters of `[A-Za-z0-9._-]` without `..`.
    public static func validate(_ name: String) throws(LogError) {
        if let problem = TopicNameRule.problem(with: name) { throw LogError.invalidTopicName(name, reason: problem) }
    }
}

/// A record for the convenience append, `LogStore.append(_:to:)`.
public struct ProducerRecord: Sendable, Equatable {
    public var key: [UInt8]?
    public var value: [UInt8]?
    /// Epoch milliseconds; nil uses the store's clock.
    public var timestamp: Int64?
    public var headers: [RecordHeader]
    /// The partition; nil picks one from the key (Kafka's murmur2), or round-robin without a key.
    public var partition: Int?

    public init(
        key: [UInt8]? = nil, value: [UInt8]?, timestamp: Int64? = nil, headers: [RecordHeader] = [],
        partition: Int? = nil
    ) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.headers = headers
        self.partition = partition
    }
}

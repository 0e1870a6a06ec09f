// SPDX-License-Identifier: Apache-2.0

/// A failure of the log store: I/O, corruption, a bad argument, or a transaction rule.
///
/// Corruption errors name the topic, partition and offset, so the failing task can report exactly
/// which batch is bad; corrupt bytes are never returned as data.
public enum LogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// A batch failed its checksum or framing checks when read.
    case corruptBatch(topic: String, partition: Int, offset: Int64, reason: String)
    /// A metadata or index file could not be decoded.
    case corruptFile(path: String, reason: String)
    /// A topic name breaks the naming rules.
    case invalidTopicName(String, reason: String)
    case topicAlreadyExists(String)
    case unknownTopic(String)
    case unknownPartition(topic: String, partition: Int)
    /// The requested offset is below the partition's start (deleted by retention) or beyond its end.
    case offsetOutOfRange(topic: String, partition: Int, offset: Int64, start: Int64, end: Int64)
    /// A batch is larger than `LogStoreOptions.maxBatchBytes`, or a record is malformed.
    case invalidBatch(String)
    /// A configuration value or argument is out of range.
    case invalidArgument(String)
    /// A newer instance of this transactional producer exists; this one may no longer write.
    case producerFenced(transactionalId: String, epoch: Int16, currentEpoch: Int16)
    /// The producer called transaction methods out of order (commit without begin, say).
    case invalidTransactionState(transactionalId: String, message: String)
    /// The store was closed.
    case closed

    public var description: String {
        switch self {
        case .io(let operation, let path, let errno):
            return "\(operation) \(path): \(String(cString: strerror(errno)))"
        case .corruptBatch(let topic, let partition, let offset, let reason):
            return "corrupt batch in \(topic)-\(partition) at offset \(offset): \(reason)"
        case .corruptFile(let path, let reason):
            return "corrupt file \(path): \(reason)"
        case .invalidTopicName(let name, let reason):
            return "invalid topic name '\(name)': \(reason)"
        case .topicAlreadyExists(let name):
            return "topic '\(name)' already exists"
        case .unknownTopic(let name):
            return "unknown topic '\(name)'"
        case .unknownPartition(let topic, let partition):
            return "topic '\(topic)' has no partition \(partition)"
        case .offsetOutOfRange(let topic, let partition, let offset, let start, let end):
            return "offset \(offset) is outside \(topic)-\(partition) (start \(start), end \(end))"
        case .invalidBatch(let message):
            return "invalid batch: \(message)"
        case .invalidArgument(let message):
            return message
        case .producerFenced(let id, let epoch, let current):
            return "producer '\(id)' epoch \(epoch) was fenced by a newer instance (epoch \(current))"
        case .invalidTransactionState(let id, let message):
            return "transaction of producer '\(id)': \(message)"
        case .closed:
            return "the log store is closed"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        case let .io(operation, path, errno):
            return "\(operation) \(path): \(String(cString: strerror(errno)))"
        case let .corruptBatch(topic, partition, offset, reason):
            return "corrupt batch in \(topic)-\(partition) at offset \(offset): \(reason)"
        case let .corruptFile(path, reason):
            return "corrupt file \(path): \(reason)"
        case let .invalidTopicName(name, reason):
            return "invalid topic name '\(name)': \(reason)"
        case let .topicAlreadyExists(name):
            return "topic '\(name)' already exists"
        case let .unknownTopic(name):
            return "unknown topic '\(name)'"
        case let .unknownPartition(topic, partition):
            return "topic '\(topic)' has no partition \(partition)"
        case let .offsetOutOfRange(topic, partition, offset, start, end):
            return "offset \(offset) is outside \(topic)-\(partition) (start \(start), end \(end))"
        case let .invalidBatch(message):
            return "invalid batch: \(message)"
        case let .invalidArgument(message):
            return message
        case let .producerFenced(id, epoch, current):
            return "producer '\(id)' epoch \(epoch) was fenced by a newer instance (epoch \(current))"
        case let .invalidTransactionState(id, message):
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

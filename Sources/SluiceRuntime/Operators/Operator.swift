import SluiceCore
import Synchronization

/// A stage of a running dataflow. Called from a single task; never concurrently.
public protocol Operator: AnyObject {
    /// A short description for EXPLAIN, e.g. `Filter[PRICE > 10]`.
    var label: String { get }
    /// Rows in, rows out and rows reported, read live by EXPLAIN.
    var counters: OperatorCounters { get }
    /// Transforms `batch` in place (filtering, projecting, re-keying), reporting bad rows to `context`.
    func process(_ batch: inout RowBatch, context: OperatorContext) throws
}

/// Counters of one operator, read live by EXPLAIN and DESCRIBE EXTENDED.
public final class OperatorCounters: @unchecked Sendable {
    private let lock = Mutex<(rowsIn: Int, rowsOut: Int, errors: Int)>((0, 0, 0))

    public init() {}

    public func add(rowsIn: Int, rowsOut: Int, errors: Int = 0) {
        lock.withLock {
            $0.rowsIn += rowsIn
            $0.rowsOut += rowsOut
            $0.errors += errors
        }
    }

    public var snapshot: (rowsIn: Int, rowsOut: Int, errors: Int) { lock.withLock { $0 } }
}

/// A record that could not be processed, for the processing log.
public struct ProcessingLogEntry: Sendable, Hashable {
    public var queryID: String
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// What failed: `deserialization`, `timestamp`, `predicate`, `expression`, `serialization`.
    public var kind: String
    public var message: String

    public init(queryID: String, topic: String, partition: Int32, offset: Int64, kind: String, message: String) {
        self.queryID = queryID
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.kind = kind
        self.message = message
    }
}

/// Receives processing-log entries; the engine writes them to the `sluice_processing_log` topic.
public protocol ProcessingLogSink: AnyObject, Sendable {
    func record(_ entry: ProcessingLogEntry)
}

/// What an operator may use while processing: the query it belongs to and the processing log.
public final class OperatorContext {
    public let queryID: String
    /// The topic rows of this task come from (for log entries).
    public let sourceTopic: String
    private let processingLog: ProcessingLogSink?
    /// Entries this task reported, for `SHOW QUERIES` / `DESCRIBE EXTENDED` counters.
    public private(set) var errorCount = 0

    public init(queryID: String, sourceTopic: String, processingLog: ProcessingLogSink?) {
        self.queryID = queryID
        self.sourceTopic = sourceTopic
        self.processingLog = processingLog
    }

    /// Reports a bad row; the row is dropped or gets NULLs, as the caller decides.
    public func report(_ kind: String, _ message: String, origin: RowOrigin) {
        errorCount += 1
        processingLog?.record(ProcessingLogEntry(
            queryID: queryID, topic: sourceTopic, partition: origin.partition, offset: origin.offset, kind: kind,
            message: message))
    }
}

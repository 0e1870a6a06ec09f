import Synchronization
import SluiceFormats
import SluiceLog

/// Prints a topic's records the way ksqlDB's PRINT does, for the `PRINT` statement and the `sluice
/// print` command: once records arrive, a `Key format:` and a `Value format:` line with the formats
/// guessed so far, then one line per record:
///
///     rowtime: 2026/11/25 10:00:00.000 Z, key: 42, value: {"a":1}, partition: 0, offset: 7
///
/// Reading is read-committed unless the options say otherwise; waiting for new records blocks on the
/// log's wake-up signal, and `cancel()` ends a run from another thread.
public final class TopicPrinter: Sendable {
    /// Where reading starts in each partition.
    public enum Start: Sendable, Equatable {
        /// The first stored record (`FROM BEGINNING`).
        case beginning
        /// What arrives from now on.
        case end
        /// This offset, clamped to what the partition holds; a negative one counts back from the
        /// end (`-1`: the last record), as kcat's `-o -N` does.
        case offset(Int64)
        /// The first record at or after this epoch-millisecond time.
        case time(Int64)
    }

    /// What to print and when to stop.
    public struct Options: Sendable {
        public var start: Start
        /// Print only this partition.
        public var partition: Int?
        /// Stop after printing this many records.
        public var limit: Int?
        /// Print every n-th record (`INTERVAL n`); 1 prints all.
        public var interval: Int
        /// Keep waiting for records at the end of the data (otherwise stop there).
        public var follow: Bool
        public var isolation: IsolationLevel

        public init(
            start: Start = .end, partition: Int? = nil, limit: Int? = nil, interval: Int = 1, follow: Bool = true,
            isolation: IsolationLevel = .readCommitted
        ) {
            self.start = start
            self.partition = partition
            self.limit = limit
            self.interval = max(1, interval)
            self.follow = follow
            self.isolation = isolation
        }
    }

    public let topic: String
    public let options: Options
    private let store: LogStore
    private let partitions: [TopicPartition]
    private let waiter = LogWaiter()

    /// Checks the topic and partition exist.
    /// - Throws: `LogError.unknownTopic` or `LogError.unknownPartition`.
    public init(store: LogStore, topic: String, options: Options) throws {
        let count = try store.partitionCount(of: topic)
        if let partition = options.partition, partition < 0 || partition >= count {
            throw LogError.unknownPartition(topic: topic, partition: partition)
        }
        self.store = store
        self.topic = topic
        self.options = options
        partitions = (options.partition.map { [$0] } ?? Array(0..<count)).map { TopicPartition(topic, $0) }
    }

    /// Stops `run` from another thread.
    public func cancel() { waiter.cancel() }

    /// Reads and prints until the limit, the end of the data (unless following), or `cancel()`.
    /// - Parameters:
    ///   - emit: receives each printed line, without a line break.
    ///   - idle: called before blocking for new records (flush buffered output here).
    public func run(emit: (String) -> Void, idle: () -> Void = {}) throws {
        var next: [TopicPartition: Int64] = [:]
        for topicPartition in partitions {
            next[topicPartition] = try startOffset(topicPartition)
        }
        let buffer = FetchBuffer(capacity: 1 << 18)
        var keys = RecordFormatGuesser()
        var values = RecordFormatGuesser()
        var printed = 0
        var seen = 0
        var printedFormats = false
        while !waiter.isCancelled {
            var lines: [String] = []
            for topicPartition in partitions {
                let fetch = try store.read(
                    topicPartition, from: next[topicPartition]!, maxBytes: 1 << 18, isolation: options.isolation,
                    buffer: buffer)
                try fetch.forEach { record in
                    keys.observe(record.key)
                    values.observe(record.value)
                }
                try fetch.forEach { record in
                    guard options.limit.map({ printed + lines.count < $0 }) ?? true else { return }
                    seen += 1
                    let line = Self.line(record, partition: topicPartition.partition, keys: &keys, values: &values)
                    if (seen - 1) % options.interval == 0 { lines.append(line) }
                }
                next[topicPartition] = fetch.nextOffset
            }
            if !lines.isEmpty {
                if !printedFormats {
                    emit("Key format: \(keys.possibleFormats)")
                    emit("Value format: \(values.possibleFormats)")
                    printedFormats = true
                }
                for line in lines { emit(line) }
                printed += lines.count
                if let limit = options.limit, printed >= limit { break }
                continue
            }
            if !options.follow && caughtUp(next) { break }
            idle()
            _ = try store.waitForData(next, isolation: options.isolation, timeout: .seconds(1), waiter: waiter)
        }
        idle()
    }

    /// One record as PRINT shows it; narrows the key and value format guesses.
    public static func line(
        _ record: RecordView, partition: Int, keys: inout RecordFormatGuesser, values: inout RecordFormatGuesser
    ) -> String {
        var line = "rowtime: \(RowTime.ksql(record.timestamp)), key: \(keys.format(record.key)), "
            + "value: \(values.format(record.value)), partition: \(partition), offset: \(record.offset)"
        if !record.headers.isEmpty {
            var headers: [String] = []
            record.headers.forEach { key, value in
                let name = String(decoding: key, as: UTF8.self)
                let shown = value.map { RecordFormatGuesser.text($0) ?? RecordFormatGuesser.escapedBytes($0) }
                    ?? "<null>"
                headers.append("\(name)=\(shown)")
            }
            line += ", headers: [" + headers.joined(separator: ", ") + "]"
        }
        return line
    }

    private func startOffset(_ topicPartition: TopicPartition) throws -> Int64 {
        let start = try store.startOffset(topicPartition)
        let end = try store.lastStableOffset(topicPartition)
        switch options.start {
        case .beginning: return start
        case .end: return options.isolation == .readCommitted ? end : try store.endOffset(topicPartition)
        case .offset(let offset) where offset < 0: return max(end + offset, start)
        case .offset(let offset): return min(max(offset, start), try store.endOffset(topicPartition))
        case .time(let time):
            return try store.offset(forTimestamp: time, in: topicPartition) ?? store.endOffset(topicPartition)
        }
    }

    /// Whether every partition was read to its visible end (a read can return nothing before the
    /// end when it meets an aborted transaction's data only).
    private func caughtUp(_ next: [TopicPartition: Int64]) -> Bool {
        next.allSatisfy { topicPartition, offset in
            let end = (try? options.isolation == .readCommitted
                ? store.lastStableOffset(topicPartition) : store.endOffset(topicPartition)) ?? offset
            return offset >= end
        }
    }
}

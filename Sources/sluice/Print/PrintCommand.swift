import ArgumentParser
import Foundation
import SluiceLog

/// `sluice print TOPIC`: shows records as ksqlDB's PRINT does.
struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a topic's records: rowtime, key, value, partition and offset.",
        discussion: """
            Output follows ksqlDB's PRINT: the key and value formats are guessed from the bytes
            (JSON, KAFKA_INT, KAFKA_BIGINT, KAFKA_DOUBLE, KAFKA_STRING, else escaped bytes), e.g.
              rowtime: 2026/11/25 10:00:00.000 Z, key: 42, value: {"a":1}, partition: 0, offset: 7
            Without --from-beginning, --offset or --from-time it prints what arrives from now on, until
            Ctrl-C or --limit. With a start option it stops at the end unless --follow is given.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The topic to print.") var topic: String
    @Flag(name: .customLong("from-beginning"), help: "Start at the first record of each partition.")
    var fromBeginning = false
    @Option(help: "Start at this offset in each partition.") var offset: Int64?
    @Option(
        name: .customLong("from-time"), help: "Start at the first record at or after this time (ISO 8601 or epoch ms).")
    var fromTime: String?
    @Option(help: "Print only this partition.") var partition: Int?
    @Option(help: "Stop after this many records.") var limit: Int?
    @Flag(help: "Keep waiting for new records after reaching the end.") var follow = false
    @Flag(name: .customLong("read-uncommitted"), help: "Also show open and aborted transactional data.")
    var readUncommitted = false

    func validate() throws {
        if [fromBeginning, offset != nil, fromTime != nil].filter({ $0 }).count > 1 {
            throw ValidationError("use only one of --from-beginning, --offset and --from-time")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be positive") }
        if let fromTime, Self.parseTime(fromTime) == nil {
            throw ValidationError("expected an ISO 8601 time such as 2026-11-25T10:00:00Z, found '\(fromTime)'")
        }
    }

    func run() throws {
        try reportFailures {
            try StoreSession.with(global) { session in try printRecords(session.store) }
        }
    }

    private func printRecords(_ store: LogStore) throws {
        let count = try store.partitionCount(of: topic)
        if let partition, partition < 0 || partition >= count {
            throw CommandFailure("topic '\(topic)' has no partition \(partition)", exitCode: 2)
        }
        let partitions = (partition.map { [$0] } ?? Array(0..<count)).map { TopicPartition(topic, $0) }
        var next: [TopicPartition: Int64] = [:]
        for topicPartition in partitions {
            let start = try store.startOffset(topicPartition)
            let end = try store.endOffset(topicPartition)
            if fromBeginning {
                next[topicPartition] = start
            } else if let offset {
                next[topicPartition] = min(max(offset, start), end)
            } else if let fromTime, let time = Self.parseTime(fromTime) {
                next[topicPartition] = try store.offset(forTimestamp: time, in: topicPartition) ?? end
            } else {
                next[topicPartition] = end
            }
        }
        let keepWaiting = follow || (!fromBeginning && offset == nil && fromTime == nil)
        let isolation: IsolationLevel = readUncommitted ? .readUncommitted : .readCommitted
        let output = OutputBuffer()
        let buffer = FetchBuffer(capacity: 1 << 18)
        let waiter = LogWaiter()
        var keys = FormatGuesser()
        var values = FormatGuesser()
        var printed = 0
        var printedFormats = false
        while true {
            var lines: [String] = []
            for topicPartition in partitions {
                let fetch = try store.read(
                    topicPartition, from: next[topicPartition]!, maxBytes: 1 << 18, isolation: isolation, buffer: buffer
                )
                try fetch.forEach { record in
                    guard limit.map({ printed + lines.count < $0 }) ?? true else { return }
                    lines.append(Self.line(record, partition: topicPartition.partition, keys: &keys, values: &values))
                }
                next[topicPartition] = fetch.nextOffset
            }
            if !lines.isEmpty {
                if !printedFormats {
                    output.appendLine("Key format: \(keys.possibleFormats)")
                    output.appendLine("Value format: \(values.possibleFormats)")
                    printedFormats = true
                }
                for line in lines { output.appendLine(line) }
                printed += lines.count
                if let limit, printed >= limit { break }
                continue
            }
            if !keepWaiting { break }
            output.flush()
            _ = try store.waitForData(next, isolation: isolation, timeout: .seconds(1), waiter: waiter)
        }
        output.flush()
    }

    static func line(
        _ record: RecordView, partition: Int, keys: inout FormatGuesser, values: inout FormatGuesser
    ) -> String {
        var line =
            "rowtime: \(RowTime.ksql(record.timestamp)), key: \(keys.format(record.key)), "
            + "value: \(values.format(record.value)), partition: \(partition), offset: \(record.offset)"
        if !record.headers.isEmpty {
            var headers: [String] = []
            record.headers.forEach { key, value in
                let name = String(decoding: key, as: UTF8.self)
                let shown = value.map { FormatGuesser.text($0) ?? FormatGuesser.escapedBytes($0) } ?? "<null>"
                headers.append("\(name)=\(shown)")
            }
            line += ", headers: [" + headers.joined(separator: ", ") + "]"
        }
        return line
    }

    /// Epoch milliseconds from ISO 8601 (`2026-11-25T10:00:00Z`, with optional fraction or offset, or a
    /// bare date) or from a number of milliseconds.
    static func parseTime(_ text: String) -> Int64? {
        if let milliseconds = Int64(text) { return milliseconds }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate],
        ] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        }
        return nil
    }
}

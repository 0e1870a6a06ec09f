import ArgumentParser
import Foundation
import SluiceEngine
import SluiceTime
import SluiceLog

/// `sluice print TOPIC`: shows records as ksqlDB's PRINT does.
struct PrintCommand: ForwardableCommand {
    static let createsDataDirectory = false
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
    @Option(parsing: .unconditional, help: "Start at this offset in each partition; a negative one counts back from the end (-1: the last record).")
    var offset: Int64?
    @Option(name: .customLong("from-time"), help: "Start at the first record at or after this time (ISO 8601 or epoch ms).")
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

    func run(in context: CommandContext) throws {
        let start: TopicPrinter.Start
        if fromBeginning {
            start = .beginning
        } else if let offset {
            start = .offset(offset)
        } else if let fromTime, let time = Self.parseTime(fromTime) {
            start = .time(time)
        } else {
            start = .end
        }
        let options = TopicPrinter.Options(
            start: start, partition: partition, limit: limit, follow: follow || start == .end,
            isolation: readUncommitted ? .readUncommitted : .readCommitted)
        let printer = try TopicPrinter(store: context.store, topic: topic, options: options)
        let output = OutputBuffer(context.output)
        // What was read before a failure (a corrupt batch) is printed before the error.
        defer { output.flush() }
        try context.interruption.whileRunning(cancel: { printer.cancel() }) {
            try printer.run(emit: { output.appendLine($0) }, idle: { output.flush() })
        }
    }

    /// The forms `--from-time` takes: ISO 8601 with `T` or a space, seconds and milliseconds
    /// optional, a zone (`Z`, `+01:00`) optional (UTC without one), or a bare date.
    static let timeForms = [
        "yyyy-MM-dd'T'HH:mm[:ss][.SSS][XXX]", "yyyy-MM-dd HH:mm[:ss][.SSS][XXX]", "yyyy-MM-dd[XXX]",
    ].map { try! DateTimePattern($0) }

    /// Epoch milliseconds from `--from-time`: one of `timeForms` as a whole, or a number of milliseconds.
    static func parseTime(_ text: String) -> Int64? {
        if let milliseconds = Int64(text) { return milliseconds }
        for form in timeForms {
            if let millis = try? form.parseTimestamp(text, defaultZone: .utc) { return millis }
        }
        return nil
    }
}

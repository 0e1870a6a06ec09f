import ArgumentParser
import Foundation
import SluiceLog

/// `sluice produce TOPIC`: appends standard input to a topic, one record per line.
struct ProduceCommand: ForwardableCommand {
    static var readsInput: Bool { true }

    static let configuration = CommandConfiguration(
        commandName: "produce",
        abstract: "Append standard input to a topic, one record per line.",
        discussion: """
            json: each line must be a JSON object; the record value is the line as written.
            csv: the value is the line; --key-field and --timestamp-field name a column by number (1 is the first).
            raw: the value is the line as-is.
            Keys are serialized as ksqlDB's KAFKA format (UTF-8 string, 4-byte INT, 8-byte BIGINT or DOUBLE,
            big-endian) or as JSON. Records with a key go to Kafka's murmur2 partition of the key; records
            without one go round-robin, unless --partition is given.
            A line that does not parse is reported with its number. With --on-error stop (the default) the
            records before it are written and nothing after it; with skip, bad lines are skipped.
            """)

    enum ErrorPolicy: String, ExpressibleByArgument, CaseIterable {
        case skip, stop
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The topic to append to.") var topic: String
    @Option(help: "How to read each line: json, csv or raw.") var format: LineFormat = .json
    @Option(name: .customLong("key-field"), help: "The JSON field, or CSV column number, holding the key.")
    var keyField: String?
    @Option(help: "The same key for every record.") var key: String?
    @Option(name: .customLong("key-format"), help: "How to serialize the key: string, int, bigint, double or json.")
    var keyFormat: KeyFormat = .string
    @Option(name: .customLong("timestamp-field"), help: "The JSON field, or CSV column number, holding epoch milliseconds.")
    var timestampField: String?
    @Option(help: "Write every record to this partition.") var partition: Int?
    @Option(name: .customLong("on-error"), help: "What to do with a line that does not parse: skip or stop.")
    var onError: ErrorPolicy = .stop

    func validate() throws {
        if keyField != nil && key != nil { throw ValidationError("use either --key-field or --key, not both") }
        if format == .raw && (keyField != nil || timestampField != nil) {
            throw ValidationError("--key-field and --timestamp-field need --format json or csv")
        }
        if format == .csv {
            for (name, field) in [("--key-field", keyField), ("--timestamp-field", timestampField)] {
                if let field, (Int(field) ?? 0) < 1 {
                    throw ValidationError("\(name) names a CSV column by number (1 is the first), found '\(field)'")
                }
            }
        }
    }

    func run(in context: CommandContext) throws {
        let producer = try LineProducer(
            store: context.store, topic: topic, format: format, keyField: keyField, constantKey: key,
            keyFormat: keyFormat, timestampField: timestampField, partition: partition)
        let started = monotonicNanoseconds()
        var lineNumber = 0
        var skipped = 0
        var stoppedAt: Int?
        // Ctrl-C ends the input: what was read so far is written.
        let wake = WakePipe()
        try context.interruption.whileRunning(cancel: { wake.signal() }) {
            try InputLines.forEach(descriptor: context.input, wake: wake, idle: { try producer.flush() }) { line in
                lineNumber += 1
                do {
                    try producer.add(line)
                    return true
                } catch let error as LineError {
                    context.errorOutput.line("line \(lineNumber): \(error.message)")
                    if onError == .stop {
                        stoppedAt = lineNumber
                        return false
                    }
                    skipped += 1
                    return true
                }
            }
        }
        try producer.flush()
        let seconds = max(Double(monotonicNanoseconds() - started) / 1e9, 1e-9)
        var summary = "wrote \(producer.written) record\(producer.written == 1 ? "" : "s") to \(topic) in "
            + String(format: "%.2f s (%.0f records/s)", seconds, Double(producer.written) / seconds)
        if skipped > 0 { summary += "; skipped \(skipped) bad line\(skipped == 1 ? "" : "s")" }
        context.output.line(summary)
        if let stoppedAt {
            throw CommandFailure("stopped at line \(stoppedAt); nothing after it was written", exitCode: 1)
        }
    }
}

/// Turns lines into records and appends them in batches, one builder per partition.
final class LineProducer {
    let store: LogStore
    let topic: String
    let format: LineFormat
    let keyFormat: KeyFormat
    let partitionCount: Int
    let fixedPartition: Int?
    private let fieldNames: [[UInt8]]
    private let keyFieldName: String?
    private let keyColumn: Int?
    private let timestampColumn: Int?
    private let constantKey: [UInt8]?
    private var builders: [RecordBatchBuilder]
    private var nextPartition = 0
    private(set) var written = 0

    init(
        store: LogStore, topic: String, format: LineFormat, keyField: String?, constantKey: String?,
        keyFormat: KeyFormat, timestampField: String?, partition: Int?
    ) throws {
        self.store = store
        self.topic = topic
        self.format = format
        self.keyFormat = keyFormat
        partitionCount = try store.partitionCount(of: topic)
        if let partition, partition < 0 || partition >= partitionCount {
            throw CommandFailure("topic '\(topic)' has no partition \(partition)", exitCode: 2)
        }
        fixedPartition = partition
        keyFieldName = keyField
        fieldNames = format == .json ? [keyField, timestampField].map { $0.map { Array($0.utf8) } ?? [] } : []
        keyColumn = format == .csv ? keyField.flatMap { Int($0) } : nil
        timestampColumn = format == .csv ? timestampField.flatMap { Int($0) } : nil
        do {
            self.constantKey = try constantKey.map { text throws(LineError) in try keyFormat.encode(text: Array(text.utf8)) }
        } catch {
            throw CommandFailure("--key: \(error.message)", exitCode: 2)
        }
        builders = (0..<partitionCount).map { _ in RecordBatchBuilder(capacity: 1 << 20) }
    }

    /// Parses one line and adds its record to the batch of its partition.
    func add(_ line: UnsafeRawBufferPointer) throws {
        if line.isEmpty && format != .raw { return }
        var key = constantKey
        var timestamp: Int64?
        switch format {
        case .json:
            let fields: [JSONScanner.Value?]
            switch JSONScanner.scanObject(line, fields: fieldNames) {
            case .success(let found): fields = found
            case .failure(let failure): throw LineError("column \(failure.position + 1): \(failure.message)")
            }
            if let name = keyFieldName {
                // A missing key field is a mistake, as a missing timestamp field is; an explicit null is a null key.
                guard let value = fields[0] else { throw LineError("no key field '\(name)'") }
                key = try keyFormat.encode(json: value, in: line, field: name)
            }
            if !fieldNames[1].isEmpty {
                guard let value = fields[1] else {
                    throw LineError("no timestamp field '\(String(decoding: fieldNames[1], as: UTF8.self))'")
                }
                let text = value.kind == .string ? JSONScanner.unescapedString(line, value) : Array(line[value.range])
                timestamp = try Self.epochMilliseconds(text)
            }
        case .csv:
            if let column = keyColumn {
                guard let text = csvField(line, column) else { throw LineError("no column \(column) for the key") }
                key = try keyFormat.encode(text: text)
            }
            if let column = timestampColumn {
                guard let text = csvField(line, column) else { throw LineError("no column \(column) for the timestamp") }
                timestamp = try Self.epochMilliseconds(text)
            }
        case .raw:
            break
        }
        let partition: Int
        if let fixedPartition {
            partition = fixedPartition
        } else if let key {
            partition = LogStore.partition(forKey: key, partitionCount: partitionCount)
        } else {
            partition = nextPartition
            nextPartition = (nextPartition + 1) % partitionCount
        }
        let builder = builders[partition]
        let time = timestamp ?? wallClockMilliseconds()
        if let key {
            key.withUnsafeBytes { builder.append(key: $0, value: line, timestamp: time) }
        } else {
            builder.append(key: nil, value: line, timestamp: time)
        }
        if builder.byteCount >= 1 << 20 { try flush(partition) }
    }

    /// Appends every pending batch.
    func flush() throws {
        for partition in 0..<partitionCount { try flush(partition) }
    }

    private func flush(_ partition: Int) throws {
        let builder = builders[partition]
        guard !builder.isEmpty else { return }
        _ = try store.append(builder, to: TopicPartition(topic, partition))
        written += builder.count
        builder.reset()
    }

    private static func epochMilliseconds(_ text: [UInt8]) throws(LineError) -> Int64 {
        let string = String(decoding: text, as: UTF8.self)
        guard let value = Int64(string.trimmingSpaces) else {
            throw LineError("expected a timestamp in epoch milliseconds, found '\(string)'")
        }
        // Kafka rejects negative timestamps too.
        guard value >= 0 else { throw LineError("a timestamp cannot be negative, found \(value)") }
        return value
    }
}

/// Reads a command's input in large chunks and hands out lines without their terminator (`\n` or `\r\n`).
enum InputLines {
    /// Calls `body` for each line until it returns false, input ends, or `wake` is signalled.
    /// `idle` runs whenever no more input is ready yet (before waiting for it), so what was read
    /// can be written then, as a producer with no linger time sends it.
    static func forEach(
        descriptor: Int32, wake: WakePipe, idle: () throws -> Void = {},
        _ body: (UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        let capacity = 1 << 20
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        while true {
            if filled == buffer.count {
                // A line longer than the buffer: grow it.
                let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                grown.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = grown
            }
            if !wake.waitForInput(on: descriptor, timeoutMilliseconds: 0) { try idle() }
            let count = wake.waitForInput(on: descriptor) ? read(descriptor, buffer.baseAddress! + filled, buffer.count - filled) : 0
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot read the input: \(String(cString: strerror(errno)))", exitCode: 1)
            }
            if count == 0 {
                if filled > 0 { _ = try body(trimmed(UnsafeRawBufferPointer(start: buffer.baseAddress, count: filled))) }
                return
            }
            filled += count
            var start = 0
            while let newline = memchr(buffer.baseAddress! + start, 0x0a, filled - start) {
                let end = buffer.baseAddress!.distance(to: newline)
                let line = UnsafeRawBufferPointer(start: buffer.baseAddress! + start, count: end - start)
                guard try body(trimmed(line)) else { return }
                start = end + 1
            }
            if start > 0 {
                memmove(buffer.baseAddress!, buffer.baseAddress! + start, filled - start)
                filled -= start
            }
        }
    }

    private static func trimmed(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if let last = line.last, last == 0x0d { return UnsafeRawBufferPointer(rebasing: line.dropLast()) }
        return line
    }
}

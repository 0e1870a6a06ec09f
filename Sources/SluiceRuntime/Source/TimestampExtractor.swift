import SluiceCore
import SluicePlan
import SluiceTime

/// Takes each record's ROWTIME from its `TIMESTAMP` column instead of the record's own timestamp.
///
/// A BIGINT column holds epoch milliseconds, a TIMESTAMP column its value, and a STRING column is
/// parsed with `TIMESTAMP_FORMAT` (a Java DateTimeFormatter pattern, UTC unless the pattern has a
/// zone). A NULL, negative or unparseable timestamp drops the record with a processing-log entry,
/// as ksqlDB's extractor does.
struct TimestampExtractor {
    private enum Source {
        case millis
        case timestamp
        case text(DateTimePattern)
    }

    private let slot: Int
    private let column: String
    private let source: Source
    /// The minute parsed last, for STRING columns.
    private var cache = TimestampParseCache()

    init(spec: TimestampSpec, schema: Schema) throws {
        let column = schema.columns[spec.column]
        self.slot = spec.column
        self.column = column.name
        switch column.type {
        case .bigint: source = .millis
        case .timestamp: source = .timestamp
        case .string:
            guard let format = spec.format else {
                throw RuntimeError("TIMESTAMP column \(column.name) is a STRING but no TIMESTAMP_FORMAT was given")
            }
            source = .text(try DateTimePattern(format))
        default:
            throw RuntimeError("TIMESTAMP column \(column.name) must be BIGINT, TIMESTAMP or STRING, not \(column.type)")
        }
    }

    enum Outcome {
        case success(Int64)
        case failure(String)
    }

    mutating func extract(from row: UnsafeBufferPointer<Value>) -> Outcome {
        let millis: Int64
        switch (source, row[slot]) {
        case (_, .null):
            return .failure("Timestamp column \(column) is NULL")
        case (.millis, .bigint(let value)), (.timestamp, .timestamp(let value)):
            millis = value
        case (.text(let pattern), .string(let text)):
            do {
                millis = try text.withBytes { try pattern.parseTimestamp($0, defaultZone: .utc, cache: &cache) }
            } catch {
                return .failure("Failed to parse timestamp column \(column) '\(text)' with format '\(pattern.pattern)': \(error)")
            }
        case (_, let other):
            return .failure("Timestamp column \(column) holds an unexpected value \(other)")
        }
        if millis < 0 { return .failure("Timestamp column \(column) is negative (\(millis))") }
        return .success(millis)
    }
}

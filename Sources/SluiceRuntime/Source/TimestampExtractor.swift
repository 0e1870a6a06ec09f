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
        case text
    }

    private let slot: Int
    private let column: String
    private let source: Source
    /// The pattern of a STRING column. Kept apart from `source`, so reading it copies nothing.
    private let pattern: DateTimePattern?
    /// The text and minute parsed last, for STRING columns (UTC unless the text has a zone).
    private var cache = TimestampParseCache(defaultZone: .utc)

    init(spec: TimestampSpec, schema: Schema) throws {
        let column = schema.columns[spec.column]
        self.slot = spec.column
        self.column = column.name
        switch column.type {
        case .bigint:
            source = .millis
            pattern = nil
        case .timestamp:
            source = .timestamp
            pattern = nil
        case .string:
            guard let format = spec.format else {
                throw RuntimeError("TIMESTAMP column \(column.name) is a STRING but no TIMESTAMP_FORMAT was given")
            }
            source = .text
            pattern = try DateTimePattern(format)
        default:
            throw RuntimeError("TIMESTAMP column \(column.name) must be BIGINT, TIMESTAMP or STRING, not \(column.type)")
        }
    }

    enum Outcome {
        case success(Int64)
        case failure(String)
    }

    mutating func extract(from row: UnsafeBufferPointer<Value>) -> Outcome {
        let value = row.baseAddress.unsafelyUnwrapped + slot
        let millis: Int64
        switch source {
        case .millis:
            guard case .bigint(let number) = value.pointee else { return failure(value.pointee) }
            millis = number
        case .timestamp:
            guard case .timestamp(let number) = value.pointee else { return failure(value.pointee) }
            millis = number
        case .text:
            // The row holds the text while it is parsed, so its bytes are read in place.
            guard case .string(let text) = value.pointee else { return failure(value.pointee) }
            let bytes = text.unsafeBytes
            do {
                if let known = cache.lastValue(of: bytes) {
                    millis = known
                } else {
                    // Optional chaining calls the pattern in place; unwrapping it would copy (and retain) it.
                    millis = try pattern?.parseTimestamp(bytes, cache: &cache) ?? 0
                }
            } catch {
                let shown = String(decoding: bytes, as: UTF8.self)
                return .failure("Failed to parse timestamp column \(column) '\(shown)' with format '\(pattern!.pattern)': \(error)")
            }
        }
        if millis < 0 { return .failure("Timestamp column \(column) is negative (\(millis))") }
        return .success(millis)
    }

    private func failure(_ value: Value) -> Outcome {
        if value.isNull { return .failure("Timestamp column \(column) is NULL") }
        return .failure("Timestamp column \(column) holds an unexpected value \(value)")
    }
}

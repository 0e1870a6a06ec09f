import SluiceCore

/// Guesses the format of keys or values from their bytes and renders them, as ksqlDB's PRINT does.
///
/// Every candidate format starts possible; a record whose bytes a format cannot read rules that format
/// out for the rest of the run. Each record is shown with the first format still possible that reads
/// it, in ksqlDB's order: JSON, KAFKA_INT (4 bytes), KAFKA_BIGINT and KAFKA_DOUBLE (8 bytes),
/// KAFKA_STRING (valid UTF-8), and otherwise the bytes, escaped as Kafka's `Bytes.toString` does.
public struct RecordFormatGuesser: Sendable {
    /// A format PRINT can recognise.
    public enum Format: String, CaseIterable, Sendable {
        case json = "JSON"
        case int = "KAFKA_INT"
        case bigint = "KAFKA_BIGINT"
        case double = "KAFKA_DOUBLE"
        case string = "KAFKA_STRING"
    }

    /// The formats no record has ruled out yet, in ksqlDB's order.
    public private(set) var remaining = Format.allCases
    /// Whether any non-null bytes were seen.
    public private(set) var seenData = false

    public init() {}

    /// What the formats could still be, as ksqlDB prints it in its `Key format:` line.
    public var possibleFormats: String {
        guard seenData else { return "¯\\_(ツ)_/¯ - no data processed" }
        return remaining.isEmpty ? "UNRECOGNISED_BYTES" : remaining.map(\.rawValue).joined(separator: " or ")
    }

    /// Narrows the possible formats by `bytes` without rendering them (ksqlDB narrows by a whole
    /// batch of records before it prints any of them, so every line agrees with the header).
    public mutating func observe(_ bytes: UnsafeRawBufferPointer?) {
        guard let bytes else { return }
        seenData = true
        remaining.removeAll { Self.render(bytes, as: $0) == nil }
    }

    /// Renders `bytes` (nil for a null key or value) and narrows the possible formats.
    public mutating func format(_ bytes: UnsafeRawBufferPointer?) -> String {
        guard let bytes else { return "<null>" }
        seenData = true
        var first: String?
        remaining.removeAll { format in
            guard let text = Self.render(bytes, as: format) else { return true }
            if first == nil { first = text }
            return false
        }
        return first ?? Self.escapedBytes(bytes)
    }

    /// `bytes` read as `format`, or nil when they are not in that format.
    public static func render(_ bytes: UnsafeRawBufferPointer, as format: Format) -> String? {
        switch format {
        case .json:
            guard let text = text(bytes), isJSON(bytes) else { return nil }
            return text
        case .int:
            guard bytes.count == 4 else { return nil }
            return String(Int32(bigEndian: bytes.loadUnaligned(as: Int32.self)))
        case .bigint:
            guard bytes.count == 8 else { return nil }
            return String(Int64(bigEndian: bytes.loadUnaligned(as: Int64.self)))
        case .double:
            guard bytes.count == 8 else { return nil }
            return JavaDoubleFormat.string(Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))))
        case .string:
            return text(bytes)
        }
    }

    /// Whether the bytes are exactly one JSON value (surrounding whitespace allowed); builds no tree.
    public static func isJSON(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var scanner = JSONScanner(bytes)
        do throws(SerdeError) {
            try scanner.skipValue()
            scanner.skipWhitespace()
            return scanner.atEnd
        } catch {
            return false
        }
    }

    /// The bytes as text when they are non-empty UTF-8 (Java's decoder would otherwise insert U+FFFD).
    public static func text(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self), !text.contains("\u{FFFD}") else {
            return nil
        }
        return text
    }

    /// Kafka's `Bytes.toString`: printable ASCII as is (except `\`), everything else as `\xHH`.
    public static func escapedBytes(_ bytes: UnsafeRawBufferPointer) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x20 && byte <= 0x7e && byte != UInt8(ascii: "\\") {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

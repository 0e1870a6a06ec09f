/// Guesses the format of keys or values from their bytes and renders them, as ksqlDB's PRINT does.
///
/// Every candidate format starts possible; a record whose bytes a format cannot read rules that format
/// out for the rest of the run. Each record is shown with the first format still possible that reads
/// it, in ksqlDB's order: JSON, KAFKA_INT (4 bytes), KAFKA_BIGINT and KAFKA_DOUBLE (8 bytes),
/// KAFKA_STRING (valid UTF-8), and otherwise the bytes, escaped as Kafka's `Bytes.toString` does.
struct FormatGuesser {
    enum Format: String, CaseIterable {
        case json = "JSON"
        case int = "KAFKA_INT"
        case bigint = "KAFKA_BIGINT"
        case double = "KAFKA_DOUBLE"
        case string = "KAFKA_STRING"
    }

    private(set) var remaining = Format.allCases
    private(set) var seenData = false

    /// What the formats could still be, as ksqlDB prints it in its `Key format:` line.
    var possibleFormats: String {
        guard seenData else { return "¯\\_(ツ)_/¯ - no data processed" }
        return remaining.isEmpty ? "UNRECOGNISED_BYTES" : remaining.map(\.rawValue).joined(separator: " or ")
    }

    /// Renders `bytes` (nil for a null key or value) and narrows the possible formats.
    mutating func format(_ bytes: UnsafeRawBufferPointer?) -> String {
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

    static func render(_ bytes: UnsafeRawBufferPointer, as format: Format) -> String? {
        switch format {
        case .json:
            guard let text = text(bytes), JSONScanner.validate(bytes) == nil else { return nil }
            return text
        case .int:
            guard bytes.count == 4 else { return nil }
            return String(Int32(bigEndian: bytes.loadUnaligned(as: Int32.self)))
        case .bigint:
            guard bytes.count == 8 else { return nil }
            return String(Int64(bigEndian: bytes.loadUnaligned(as: Int64.self)))
        case .double:
            guard bytes.count == 8 else { return nil }
            return javaDouble(Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))))
        case .string:
            return text(bytes)
        }
    }

    /// The bytes as text when they are non-empty UTF-8 (Java's decoder would otherwise insert U+FFFD).
    static func text(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self), !text.contains("\u{FFFD}") else {
            return nil
        }
        return text
    }

    /// Kafka's `Bytes.toString`: printable ASCII as is (except `\`), everything else as `\xHH`.
    static func escapedBytes(_ bytes: UnsafeRawBufferPointer) -> String {
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

    /// Java's `Double.toString`: plain notation from 10⁻³ to 10⁷, computerized scientific notation outside.
    static func javaDouble(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let sign = value < 0 ? "-" : ""
        let (digits, exponent) = shortestDigits(abs(value))
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e7 {
            if exponent >= 0 {
                let integerCount = exponent + 1
                let integer =
                    digits.count >= integerCount
                    ? String(digits.prefix(integerCount))
                    : digits + String(repeating: "0", count: integerCount - digits.count)
                let fraction = digits.count > integerCount ? String(digits.dropFirst(integerCount)) : "0"
                return sign + integer + "." + fraction
            }
            return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
        }
        let fraction = digits.count > 1 ? String(digits.dropFirst()) : "0"
        return sign + String(digits.prefix(1)) + "." + fraction + "E" + String(exponent)
    }

    /// The shortest digits that round-trip (no leading or trailing zeros) and the decimal exponent of the first.
    private static func shortestDigits(_ value: Double) -> (String, Int) {
        let description = value.description
        let parts = description.lowercased().split(separator: "e")
        var exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let mantissa = String(parts[0])
        let pointIndex =
            mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        var digits = mantissa.replacingOccurrences(of: ".", with: "")
        exponent += pointIndex - 1
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, exponent)
    }
}

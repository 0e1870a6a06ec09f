import ArgumentParser
import SluiceLog

/// How `sluice produce` reads each line of standard input.
enum LineFormat: String, ExpressibleByArgument, CaseIterable {
    /// The line must be a JSON object; the value is the line as written.
    case json
    /// Comma-separated fields; the value is the line.
    case csv
    /// The value is the line, whatever it holds.
    case raw
}

/// How a key is serialized, as ksqlDB's KAFKA key format (or JSON).
enum KeyFormat: String, ExpressibleByArgument, CaseIterable {
    /// UTF-8 text.
    case string
    /// A 4-byte big-endian integer.
    case int
    /// An 8-byte big-endian integer.
    case bigint
    /// An 8-byte big-endian IEEE 754 double.
    case double
    /// JSON text.
    case json

    /// Serializes a key given as text (a CSV field, `--key`, or a JSON scalar's text).
    func encode(text: [UInt8]) throws(LineError) -> [UInt8] {
        let string = String(decoding: text, as: UTF8.self)
        switch self {
        case .string:
            return text
        case .int:
            guard let value = Int32(string.trimmingSpaces) else {
                throw LineError("expected an INT key, found '\(string)'")
            }
            return bigEndianBytes(value)
        case .bigint:
            guard let value = Int64(string.trimmingSpaces) else {
                throw LineError("expected a BIGINT key, found '\(string)'")
            }
            return bigEndianBytes(value)
        case .double:
            guard let value = Double(string.trimmingSpaces), !string.isEmpty else {
                throw LineError("expected a DOUBLE key, found '\(string)'")
            }
            return bigEndianBytes(value.bitPattern)
        case .json:
            let invalid = text.withUnsafeBytes { JSONScanner.validate($0) }
            if let invalid { throw LineError("key is not JSON: \(invalid.message)") }
            return text
        }
    }

    /// Serializes a key taken from a JSON field: strings are unescaped first, except for the JSON format.
    func encode(
        json value: JSONScanner.Value, in line: UnsafeRawBufferPointer, field: String
    ) throws(LineError) -> [UInt8]? {
        let raw = Array(line[value.range])
        switch (self, value.kind) {
        case (_, .null):
            return nil
        case (.json, _):
            return raw
        case (_, .object), (_, .array):
            throw LineError(
                "key field '\(field)' holds a JSON \(value.kind == .object ? "object" : "array"); use --key-format json"
            )
        case (_, .string):
            return try encode(text: JSONScanner.unescapedString(line, value))
        default:
            return try encode(text: raw)
        }
    }
}

/// Why one input line was rejected.
struct LineError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

func bigEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.bigEndian) { Array($0) }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// The `index`-th (1-based) field of a CSV line, with RFC 4180 quoting; nil when the line has fewer fields.
func csvField(_ line: UnsafeRawBufferPointer, _ index: Int) -> [UInt8]? {
    var field = 1
    var position = 0
    let count = line.count
    while field < index {
        // Skip one field.
        if position < count && line[position] == UInt8(ascii: "\"") {
            position += 1
            while position < count {
                if line[position] == UInt8(ascii: "\"") {
                    if position + 1 < count && line[position + 1] == UInt8(ascii: "\"") {
                        position += 2
                        continue
                    }
                    position += 1
                    break
                }
                position += 1
            }
        }
        while position < count && line[position] != UInt8(ascii: ",") { position += 1 }
        guard position < count else { return nil }
        position += 1
        field += 1
    }
    var value: [UInt8] = []
    if position < count && line[position] == UInt8(ascii: "\"") {
        position += 1
        while position < count {
            let byte = line[position]
            if byte == UInt8(ascii: "\"") {
                if position + 1 < count && line[position + 1] == UInt8(ascii: "\"") {
                    value.append(byte)
                    position += 2
                    continue
                }
                break
            }
            value.append(byte)
            position += 1
        }
        return value
    }
    while position < count && line[position] != UInt8(ascii: ",") {
        value.append(line[position])
        position += 1
    }
    return value
}

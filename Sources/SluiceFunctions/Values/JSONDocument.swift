import SluiceCore
import SluiceFormats

/// JSON text as ksqlDB's JSON functions read and write it with Jackson: parsed into a tree, then
/// printed compactly with numbers as Jackson's exact `BigDecimal` nodes print them.
package enum JSONDocument {
    /// The document in `text`, or `nil` for text that is empty or only whitespace (Jackson's
    /// missing node).
    ///
    /// - Throws: `RecordError` (`Invalid JSON format:<text>`) for text that is not JSON.
    ///
    /// Like Jackson's default `readTree`, it reads the first value and ignores whatever follows
    /// it (`[1] x` is `[1]`), and it rejects comments.
    package static func parse(_ text: ByteString) throws(RecordError) -> JSONValue? {
        let bytes = text.bytes
        guard bytes.contains(where: { !isWhitespace($0) }) else { return nil }
        let invalid = RecordError("Invalid JSON format:" + text.string)
        guard let end = valueEnd(bytes) else { throw invalid }
        do {
            return try JSONValue.parse(bytes: Array(bytes[..<end]))
        } catch {
            throw invalid
        }
    }

    /// Where the first value in `bytes` ends (after its closing bracket, quote or last character),
    /// or `nil` when a comment starts before that (JSONValue's parser would skip it; Jackson fails).
    static func valueEnd(_ bytes: [UInt8]) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        var started = false
        for (index, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return index + 1 }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "/"):
                return nil
            case UInt8(ascii: "\""):
                inString = true
                started = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                started = true
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth <= 0 { return index + 1 }
            default:
                if isWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":") {
                    // A scalar at the top level ends at the first separator after it.
                    if started && depth == 0 { return index }
                } else {
                    started = true
                }
            }
        }
        return bytes.count
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The members of an object as Jackson's `ObjectNode` keeps them: a repeated key takes the
    /// last value in the place of the first.
    package static func members(_ object: JSONObject) -> [JSONObject.Member] {
        var result: [JSONObject.Member] = []
        var positions: [String: Int] = [:]
        for member in object.members {
            if let position = positions[member.key] {
                result[position].value = member.value
            } else {
                positions[member.key] = result.count
                result.append(member)
            }
        }
        return result
    }

    /// The compact text of a node. `plainNumbers` writes numbers with exponents in plain notation,
    /// as the functions' `ObjectMapper` does (`WRITE_BIGDECIMAL_AS_PLAIN`); otherwise they print
    /// as `JsonNode.toString` does, with `BigDecimal.toString` (`1E+3`).
    package static func text(_ node: JSONValue, plainNumbers: Bool) -> String {
        normalized(node, plainNumbers: plainNumbers).compactText
    }

    /// A string node's text itself, any other node's compact text (`JsonNode.asText` for textual
    /// nodes, `toString` otherwise).
    package static func textOrJSON(_ node: JSONValue) -> String {
        if case .string(let text) = node { return text }
        return text(node, plainNumbers: false)
    }

    static func normalized(_ node: JSONValue, plainNumbers: Bool) -> JSONValue {
        switch node {
        case .number(let text): return .number(number(text, plain: plainNumbers))
        case .array(let elements): return .array(elements.map { normalized($0, plainNumbers: plainNumbers) })
        case .object(let object):
            return .object(
                JSONObject(
                    members(object).map { JSONObject.Member($0.key, normalized($0.value, plainNumbers: plainNumbers)) }
                ))
        default: return node
        }
    }

    /// A JSON number as Jackson prints the node it parses it into: integers as themselves (`-0` is
    /// `0`), other numbers as an exact `BigDecimal` (no negative zero; exponents resolved).
    static func number(_ text: String, plain: Bool) -> String {
        let isInteger = !text.contains { $0 == "." || $0 == "e" || $0 == "E" }
        if isInteger {
            return text.allSatisfy({ $0 == "-" || $0 == "0" }) ? "0" : text
        }
        guard let decimal = parseDecimal(text) else { return text }
        return plain ? decimal.description : DecimalMath.javaString(decimal)
    }

    /// `new BigDecimal(text)` for a JSON number, when it fits 38 digits.
    static func parseDecimal(_ text: String) -> SQLDecimal? {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            guard let value = Int(text[text.index(after: e)...].drop { $0 == "+" }), abs(value) < 1000 else {
                return nil
            }
            exponent = value
        }
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        var scale = 0
        if let dot = mantissa.firstIndex(of: ".") {
            scale = mantissa.distance(from: mantissa.index(after: dot), to: mantissa.endIndex)
        }
        let digits = mantissa.filter { $0 != "." }.drop { $0 == "0" }
        guard digits.count <= SQLType.maxDecimalPrecision else { return nil }
        var unscaled: Int128 = 0
        for digit in digits.utf8 { unscaled = unscaled * 10 + Int128(digit - 0x30) }
        return SQLDecimal(unscaled: negative ? -unscaled : unscaled, scale: scale - exponent)
    }
}

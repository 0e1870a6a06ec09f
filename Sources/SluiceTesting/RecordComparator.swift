import SluiceCore
import SluiceFormats

/// Compares an expected record's JSON with what Sluice wrote, as ksqlDB's test comparator does:
/// objects need the same fields (an expected name falls back to its upper-case form), arrays match
/// element by element, integers exactly, doubles within 1e-6, decimals exactly with their scale,
/// and a string expectation also matches a number it parses to.
enum RecordComparator {
    static let doubleTolerance = 1e-6

    /// Whether `actual` satisfies `expected`; `type` (when known) says how to compare numbers.
    static func matches(_ expected: JSONValue, _ actual: JSONValue, type: SQLType?) -> Bool {
        switch (expected, actual) {
        case (.null, .null):
            return true
        case (.bool(let a), .bool(let b)):
            return a == b
        case (.number(let e), .number(let a)):
            return numbersMatch(e, a, type: type)
        case (.string(let e), .string(let a)):
            return e == a
        case (.string(let e), .number(let a)):
            // ksqlDB compares a text expectation with a DECIMAL by value; with other numbers, never.
            if let type, !Self.isDecimal(type) { return false }
            return numbersMatch(e, a, type: type)
        case (.number(let e), .string(let a)):
            // A number read back as text (a DELIMITED value without a schema) may match; a STRING never does.
            if type == .string { return false }
            return numbersMatch(e, a, type: type)
        case (.array(let e), .array(let a)):
            guard e.count == a.count else { return false }
            let element: SQLType? = if case .array(let inner)? = type { inner } else { nil }
            return zip(e, a).allSatisfy { matches($0, $1, type: element) }
        case (.object(let e), .object(let a)):
            return objectsMatch(e, a, type: type)
        default:
            return false
        }
    }

    /// Objects match field by field; a field that is missing on one side matches a NULL on the
    /// other, as ksqlDB's comparator has it.
    private static func objectsMatch(_ expected: JSONObject, _ actual: JSONObject, type: SQLType?) -> Bool {
        for member in actual where member.value != .null {
            let present = expected[member.key] ?? expected.first { $0.key.uppercased() == member.key }?.value
            if present == nil { return false }
        }
        for member in expected {
            guard let value = actual[member.key] ?? actual[member.key.uppercased()] else {
                if member.value == .null { continue }
                return false
            }
            let fieldType: SQLType?
            switch type {
            case .struct(let fields)?:
                fieldType = fields.first { $0.name == member.key || $0.name == member.key.uppercased() }?.type
            case .map(_, let valueType)?:
                fieldType = valueType
            default:
                fieldType = nil
            }
            if !matches(member.value, value, type: fieldType) { return false }
        }
        return true
    }

    private static func numbersMatch(_ expected: String, _ actual: String, type: SQLType?) -> Bool {
        if expected == actual { return true }
        switch type {
        case .decimal?:
            guard let e = SQLDecimal(expected), let a = SQLDecimal(actual) else { return false }
            return e.isIdentical(to: a)
        case .integer?, .bigint?:
            if let e = Int64(expected) { return e == Int64(actual) }
            // ksqlDB compares an expected 1.0 with an integer by its integral value.
            guard let e = Double(expected), e == e.rounded(.towardZero), let a = Int64(actual) else { return false }
            return e == Double(a)
        default:
            if isIntegral(expected), isIntegral(actual) { return Int64(expected) == Int64(actual) }
            guard let e = double(expected), let a = double(actual) else { return false }
            if e.isNaN || a.isNaN { return e.isNaN && a.isNaN }
            if e.isInfinite || a.isInfinite { return e == a }
            if isIntegral(expected), type == nil, !isIntegral(actual) {
                // An integer expectation matches only a scale-0 number.
                guard let decimal = SQLDecimal(actual) else { return false }
                return decimal.scale == 0 && Int64(expected).map { Double($0) == a } == true
            }
            return abs(e - a) <= doubleTolerance
        }
    }

    private static func isDecimal(_ type: SQLType) -> Bool {
        if case .decimal = type { return true }
        return false
    }

    private static func isIntegral(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isNumber || $0 == "-" || $0 == "+" }
    }

    private static func double(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "Infinity": .infinity
        case "-Infinity": -.infinity
        default: Double(text)
        }
    }
}

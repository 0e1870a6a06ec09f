import SluiceCore
import SluiceFormats

extension JSONFunctions {
    static let jsonArrayContains = ScalarFunction(
        "JSON_ARRAY_CONTAINS", category: .json,
        description:
            "Returns true if a JSON array has a top-level element equal to the value: JSON integers match INT and "
            + "BIGINT values, other JSON numbers DOUBLE values, strings STRING values, booleans BOOLEAN values and "
            + "null a NULL value. False for anything that is not a JSON array.",
        overloads: [
            FunctionOverload([.p("jsonArray", .string), .p("value", .generic("T"))], returns: .fixed(.boolean)) {
                (site: CallSite) -> ScalarKernel in
                let type = site.argumentTypes[1]
                return .binary { array, value in
                    guard let text = array.byteStringValue else { return .null }
                    guard case .array(let elements)? = (try? JSONDocument.parse(text)) ?? nil else {
                        return .boolean(false)
                    }
                    for element in elements {
                        switch matches(element, value, type) {
                        case .some(true): return .boolean(true)
                        // An integer too large for the value's type fails the whole lookup, as Jackson does.
                        case .none: return .boolean(false)
                        case .some(false): continue
                        }
                    }
                    return .boolean(false)
                }
            }
        ])

    /// Whether a JSON element equals a value of `type`; `nil` when the element can't be read as
    /// that type.
    static func matches(_ element: JSONValue, _ value: Value, _ type: SQLType) -> Bool? {
        switch element {
        case .null:
            return value.isNull
        case .bool(let flag):
            return value == .boolean(flag)
        case .string(let text):
            guard case .string(let expected) = value else { return false }
            return expected.string == text
        case .number(let text):
            let isInteger = !text.contains { $0 == "." || $0 == "e" || $0 == "E" }
            switch (value, isInteger) {
            case (.integer(let expected), true):
                guard let number = Int32(text) else { return nil }
                return number == expected
            case (.bigint(let expected), true):
                guard let number = Int64(text) else { return nil }
                return number == expected
            case (.double(let expected), false):
                guard let number = Double(text) else { return false }
                return number == expected
            default:
                return false
            }
        case .array, .object:
            return false
        }
    }
}

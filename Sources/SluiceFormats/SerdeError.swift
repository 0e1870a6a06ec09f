/// Why a record could not be read or written in its format.
///
/// A decoder that rejects a record throws one of these; the runtime sends the record to the
/// processing log and carries on. The reason reads as ksqlDB's would
/// (`Can't convert type. sourceType: TextNode, requiredType: INTEGER`), and `path` says where in
/// the record it happened, JSONPath style (`$.ITEMS[2].PRICE`), when the format has nesting.
public struct SerdeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    /// Where in the record: `$` is the whole record, `$.NAME` a column or field, `[i]` an element.
    public var path: String?

    /// Malformed input (rather than a value that does not fit its column) has no path.
    let isSyntaxError: Bool

    public init(_ reason: String, path: String? = nil) {
        self.reason = reason
        self.path = path
        self.isSyntaxError = false
    }

    init(syntax reason: String) {
        self.reason = reason
        self.path = nil
        self.isSyntaxError = true
    }

    /// `reason, path: $.X` as ksqlDB's coercion errors read.
    public var description: String {
        guard let path else { return reason }
        return reason + ", path: " + path
    }

    /// The message ksqlDB writes to the processing log for a record it cannot deserialize.
    public func processingLogMessage(isKey: Bool, topic: String) -> String {
        "Failed to deserialize \(isKey ? "key" : "value") from topic: \(topic). \(description)"
    }

    /// This error seen from one level further out: `component` goes in front of the path.
    func prefixingPath(_ component: String) -> SerdeError {
        isSyntaxError ? self : SerdeError(reason, path: component + (path ?? ""))
    }
}

/// Names of the JSON nodes ksqlDB's messages mention (Jackson's node classes).
enum JSONNodeKind {
    case text, boolean, integer, long, bigInteger, decimal, array, object, null

    var javaName: String {
        switch self {
        case .text: "TextNode"
        case .boolean: "BooleanNode"
        case .integer: "IntNode"
        case .long: "LongNode"
        case .bigInteger: "BigIntegerNode"
        case .decimal: "DecimalNode"
        case .array: "ArrayNode"
        case .object: "ObjectNode"
        case .null: "NullNode"
        }
    }
}

extension SerdeError {
    static func cannotConvert(_ source: JSONNodeKind, to requiredType: String) -> SerdeError {
        SerdeError("Can't convert type. sourceType: \(source.javaName), requiredType: \(requiredType)")
    }

    static func cannotCoerceString(to targetType: String) -> SerdeError {
        SerdeError("Can't coerce string to type. targetType: \(targetType)")
    }

    static func invalidJSON(_ detail: String) -> SerdeError {
        SerdeError(syntax: "Invalid JSON: \(detail)")
    }

    static func columnCountMismatch(expected: Int, got: Int) -> SerdeError {
        SerdeError("Column count mismatch on deserialization. expected: \(expected), got: \(got)")
    }
}

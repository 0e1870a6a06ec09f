/// A JSON document as a tree: for test files, the CLI and `INSERT VALUES`, never the record hot path.
///
/// Objects keep their keys in order (duplicates too); numbers keep their exact text, so
/// `1.10` stays `1.10` and 20-digit integers stay exact.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number as written (`-12`, `1.50`, `1e3`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A number from an integer.
    public static func number<I: BinaryInteger>(_ value: I) -> JSONValue { .number(String(value)) }

    public var isNull: Bool { self == .null }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The exact text of a number.
    public var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }

    /// A number as a double (or `nil` when this is not a number).
    public var doubleValue: Double? { numberText.flatMap { Double($0) } }

    /// A number as a 64-bit integer, when it is an integer that fits.
    public var int64Value: Int64? { numberText.flatMap { Int64($0) } }

    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The value of an object's member (the last one with that key), or `nil`.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

/// The members of a JSON object, in document order.
public struct JSONObject: Hashable, Sendable, RandomAccessCollection {
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) {
        self.members = members
    }

    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.members = pairs.map { Member($0.key, $0.value) }
    }

    public var startIndex: Int { members.startIndex }
    public var endIndex: Int { members.endIndex }
    public subscript(position: Int) -> Member { members[position] }

    public var keys: [String] { members.map(\.key) }

    /// The value of the last member named `key`; setting replaces it in place or appends.
    public subscript(key: String) -> JSONValue? {
        get { members.last { $0.key == key }?.value }
        set {
            if let index = members.lastIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key, newValue))
            }
        }
    }

    /// Like `subscript(key:)`, falling back to a key that matches when upper-cased, as ksqlDB's
    /// test comparator looks up expected fields.
    public func value(caseInsensitiveKey key: String) -> JSONValue? {
        if let exact = self[key] { return exact }
        let upper = key.uppercased()
        return members.last { $0.key.uppercased() == upper }?.value
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member($0.0, $0.1) }))
    }
}

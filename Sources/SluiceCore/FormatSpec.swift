/// A serialization format for record keys or values, as ksqlDB names them in `KEY_FORMAT` /
/// `VALUE_FORMAT` / `FORMAT`.
public enum FormatKind: String, Hashable, Sendable, Codable, CaseIterable {
    case json = "JSON"
    case delimited = "DELIMITED"
    case kafka = "KAFKA"
    case none = "NONE"
    // Recognized so they can be named in errors and skipped in tests; Sluice has no serde for them.
    case avro = "AVRO"
    case protobuf = "PROTOBUF"
    case protobufNoSR = "PROTOBUF_NOSR"
    case jsonSR = "JSON_SR"

    /// Whether Sluice can read and write this format.
    public var isSupported: Bool {
        switch self {
        case .json, .delimited, .kafka, .none: true
        default: false
        }
    }

    /// Parses a format name case-insensitively.
    public init?(name: String) {
        self.init(rawValue: name.uppercased())
    }
}

/// A format with its options: what a source's key or value is written in.
public struct FormatSpec: Hashable, Sendable, Codable {
    public var kind: FormatKind
    /// `VALUE_DELIMITER` / `KEY_DELIMITER` for DELIMITED (a single character; default `,`).
    public var delimiter: UInt8
    /// `WRAP_SINGLE_VALUE`: whether a single value column is written as an object/record (`true`)
    /// or as the bare value (`false`). `nil` means the format's default (wrapped).
    public var wrapSingleValue: Bool?

    public init(_ kind: FormatKind, delimiter: UInt8 = UInt8(ascii: ","), wrapSingleValue: Bool? = nil) {
        self.kind = kind
        self.delimiter = delimiter
        self.wrapSingleValue = wrapSingleValue
    }

    public static let json = FormatSpec(.json)
    public static let delimited = FormatSpec(.delimited)
    public static let kafka = FormatSpec(.kafka)
    public static let none = FormatSpec(.none)
}

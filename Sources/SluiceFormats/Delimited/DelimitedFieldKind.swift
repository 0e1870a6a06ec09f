import SluiceCore

/// The primitive types a DELIMITED field can hold, with their text forms (ksqlDB's
/// `KsqlDelimitedDeserializer` / `KsqlDelimitedSerializer`).
enum DelimitedFieldKind: Sendable {
    case boolean, integer, bigint, double, string, bytes, date, time, timestamp
    case decimal(precision: Int, scale: Int)

    /// `nil` for the complex types, which DELIMITED does not support.
    init?(_ type: SQLType) {
        switch type {
        case .boolean: self = .boolean
        case .integer: self = .integer
        case .bigint: self = .bigint
        case .double: self = .double
        case .string: self = .string
        case .bytes: self = .bytes
        case .date: self = .date
        case .time: self = .time
        case .timestamp: self = .timestamp
        case .decimal(let precision, let scale): self = .decimal(precision: precision, scale: scale)
        case .array, .map, .struct: return nil
        }
    }

    /// Parses a non-empty field's text (quotes already removed, `""` already undoubled).
    ///
    /// `BOOLEAN` is `Boolean.parseBoolean` (anything but `true`, in any case, is false);
    /// integers are `Integer.parseInt` / `Long.parseLong`; `DATE` is days, `TIME` and `TIMESTAMP`
    /// milliseconds; `BYTES` base64; `DECIMAL` exact and rescaled like JSON's.
    func parse(_ text: UnsafeBufferPointer<UInt8>, arena: inout ByteArena) throws(SerdeError) -> Value {
        switch self {
        case .string:
            return .string(arena.append(UnsafeRawBufferPointer(text)))
        case .bigint:
            guard let value = JavaNumberParsing.parseInt64(text) else { throw Self.badNumber(text) }
            return .bigint(value)
        case .integer:
            guard let value = JavaNumberParsing.parseInt32(text) else { throw Self.badNumber(text) }
            return .integer(value)
        case .double:
            guard let value = JavaNumberParsing.parseDouble(text) else { throw Self.badNumber(text) }
            return .double(value)
        case .boolean:
            // `x | 0x20` equals a lower-case letter only for that letter in either case.
            return .boolean(
                text.count == 4 && text[0] | 0x20 == 0x74 && text[1] | 0x20 == 0x72 && text[2] | 0x20 == 0x75
                    && text[3] | 0x20 == 0x65)
        case .decimal(let precision, let scale):
            guard let parsed = ParsedDecimal(text) else { throw Self.badNumber(text) }
            return .decimal(try parsed.fitted(precision: precision, scale: scale))
        case .bytes:
            var valid = true
            let bytes = arena.append(capacity: Base64.maxDecodedLength(text.count)) { out in
                guard let count = Base64.decode(text, to: out.assumingMemoryBound(to: UInt8.self)) else {
                    valid = false
                    return 0
                }
                return count
            }
            guard valid else {
                throw SerdeError("Value is not a valid Base64 encoded string: \(String(decoding: text, as: UTF8.self))")
            }
            return .bytes(bytes)
        case .date:
            guard let days = JavaNumberParsing.parseInt32(text) else { throw Self.badNumber(text) }
            return .date(days)
        case .time:
            guard let millis = JavaNumberParsing.parseInt32(text) else { throw Self.badNumber(text) }
            guard millis >= 0, millis < 86_400_000 else {
                throw SerdeError(
                    "Time values must use number of milliseconds greater than 0 and less than 86400000. Got \(millis)")
            }
            return .time(millis)
        case .timestamp:
            guard let millis = JavaNumberParsing.parseInt64(text) else { throw Self.badNumber(text) }
            return .timestamp(millis)
        }
    }

    /// Java's `NumberFormatException` message.
    private static func badNumber(_ text: UnsafeBufferPointer<UInt8>) -> SerdeError {
        SerdeError("For input string: \"\(String(decoding: text, as: UTF8.self))\"")
    }
}

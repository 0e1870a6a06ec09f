import SluiceCore

/// TO_BYTES, FROM_BYTES, INT_FROM_BYTES, BIGINT_FROM_BYTES, DOUBLE_FROM_BYTES, MD5; ENCODE is in
/// `BytesFunctions+Encode.swift`.
enum BytesFunctions {
    static let all: [ScalarFunction] = [
        toBytes, fromBytes, intFromBytes, bigintFromBytes, doubleFromBytes, md5, encode,
    ]

    /// The encodings TO_BYTES and FROM_BYTES accept.
    enum Encoding: Sendable {
        case hex, utf8, ascii, base64

        init(_ name: String) throws(RecordError) {
            switch name.lowercased() {
            case "hex": self = .hex
            case "utf8": self = .utf8
            case "ascii": self = .ascii
            case "base64": self = .base64
            default:
                throw RecordError(
                    "Unknown encoding type '\(name)'. Supported formats are 'hex', 'utf8', 'ascii', and 'base64'.")
            }
        }
    }

    static func encoding(_ site: CallSite, _ index: Int) -> PreparedArgument<Encoding> {
        PreparedArgument(site, index) { name throws(RecordError) in try Encoding(name) }
    }

    static let toBytes = ScalarFunction(
        "TO_BYTES", category: .string,
        description: "Converts a STRING in an encoding ('hex', 'utf8', 'ascii' or 'base64') into BYTES.",
        overloads: [
            FunctionOverload([.p("string", .string), .p("encoding", .string)], returns: .fixed(.bytes)) {
                (site: CallSite) -> ScalarKernel in
                let encodings = encoding(site, 1)
                return .strict { value, encoding throws(RecordError) in
                    let text = value.byteStringValue!
                    switch try encodings.get(encoding) {
                    case .utf8: return .bytes(text)
                    case .ascii: return .bytes(Bytes.make(ByteEncodings.asciiBytes(text.string)))
                    case .base64: return .bytes(Bytes.make(ByteEncodings.lenientBase64(text.string)))
                    case .hex:
                        guard let bytes = ByteEncodings.bytes(fromHex: text.string) else {
                            throw RecordError("Invalid hex input '\(text.string)': need an even number of hex digits")
                        }
                        return .bytes(Bytes.make(bytes))
                    }
                }
            }
        ])

    static let fromBytes = ScalarFunction(
        "FROM_BYTES", category: .string,
        description:
            "Converts BYTES into a STRING in an encoding: 'hex' (upper case), 'utf8', 'ascii' or 'base64' (MIME, "
            + "with line breaks every 76 characters).",
        overloads: [
            FunctionOverload([.p("bytes", .bytes), .p("encoding", .string)], returns: .fixed(.string)) {
                (site: CallSite) -> ScalarKernel in
                let encodings = encoding(site, 1)
                return .strict { value, encoding throws(RecordError) in
                    let bytes = value.byteStringValue!
                    switch try encodings.get(encoding) {
                    case .utf8: return .string(ByteString(ByteEncodings.utf8String(bytes.bytes)))
                    case .ascii: return .string(ByteString(ByteEncodings.asciiString(bytes.bytes)))
                    case .base64: return .string(ByteString(ByteEncodings.mimeBase64(bytes.bytes)))
                    case .hex: return .string(ByteString(ByteEncodings.hex(bytes.bytes, uppercase: true)))
                    }
                }
            }
        ])

    static let intFromBytes = number(
        "INT_FROM_BYTES", "Reads a 4-byte BYTES value as an INT, big-endian unless told 'LITTLE_ENDIAN'.",
        .integer, size: 4
    ) { .integer(Int32(truncatingIfNeeded: $0)) }

    static let bigintFromBytes = number(
        "BIGINT_FROM_BYTES", "Reads an 8-byte BYTES value as a BIGINT, big-endian unless told 'LITTLE_ENDIAN'.",
        .bigint, size: 8
    ) { .bigint(Int64(bitPattern: $0)) }

    static let doubleFromBytes = number(
        "DOUBLE_FROM_BYTES",
        "Reads an 8-byte BYTES value as an IEEE 754 DOUBLE, big-endian unless told 'LITTLE_ENDIAN'.",
        .double, size: 8
    ) { .double(Double(bitPattern: $0)) }

    /// A function reading a number of `size` bytes, with an optional byte order.
    static func number(
        _ name: String, _ description: String, _ type: SQLType, size: Int,
        _ make: @escaping @Sendable (UInt64) -> Value
    ) -> ScalarFunction {
        let read: @Sendable (Value, Bool) throws(RecordError) -> Value = { value, littleEndian throws(RecordError) in
            let bytes = value.byteStringValue!.bytes
            guard bytes.count == size else {
                throw RecordError("Number of bytes must be equal to \(size), but found \(bytes.count)")
            }
            let ordered = littleEndian ? bytes.reversed() : bytes
            return make(ordered.reduce(0) { $0 << 8 | UInt64($1) })
        }
        return ScalarFunction(
            name, category: .conversions, description: description,
            overloads: [
                FunctionOverload(
                    [.p("bytes", .bytes)], returns: .fixed(type),
                    kernel: .strict { value throws(RecordError) in try read(value, false) }),
                FunctionOverload([.p("bytes", .bytes), .p("byteOrder", .string)], returns: .fixed(type)) {
                    (site: CallSite) -> ScalarKernel in
                    let orders = PreparedArgument(site, 1) { text throws(RecordError) in try isLittleEndian(text) }
                    return .strict { value, order throws(RecordError) in try read(value, try orders.get(order)) }
                },
            ])
    }

    static func isLittleEndian(_ order: String) throws(RecordError) -> Bool {
        switch order.uppercased() {
        case "BIG_ENDIAN": return false
        case "LITTLE_ENDIAN": return true
        default: throw RecordError("Byte order must be BIG_ENDIAN or LITTLE_ENDIAN. Unknown byte order '\(order)'.")
        }
    }

    static let md5 = ScalarFunction(
        "MD5", category: .string,
        description: "Returns the MD5 digest of a string's UTF-8 bytes as 32 lower-case hex digits.",
        overloads: [
            FunctionOverload(
                [.p("input", .string)], returns: .fixed(.string),
                kernel: .strict { value in
                    .string(
                        ByteString(ByteEncodings.hex(MD5Digest.digest(value.byteStringValue!.bytes), uppercase: false)))
                })
        ])
}

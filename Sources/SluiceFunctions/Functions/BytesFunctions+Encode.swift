import SluiceCore

extension BytesFunctions {
    static let encode = ScalarFunction(
        "ENCODE", category: .string,
        description:
            "Re-encodes a string from one of 'hex', 'utf8', 'ascii' and 'base64' into another of them. Hex input "
            + "may be written 0x... or X'...'.",
        overloads: [
            FunctionOverload(
                [.p("str", .string), .p("inputEncoding", .string), .p("outputEncoding", .string)],
                returns: .fixed(.string)
            ) { (site: CallSite) -> ScalarKernel in
                let inputs = encoding(site, 1)
                let outputs = encoding(site, 2)
                return .strict { value, input, output throws(RecordError) in
                    let supported = RecordError("Supported input and output encodings are: hex, utf8, ascii and base64")
                    guard let from = try? inputs.get(input), let to = try? outputs.get(output), from != to else {
                        throw supported
                    }
                    let text = value.byteStringValue!.string
                    return .string(ByteString(try encode(text, from: from, to: to)))
                }
            }
        ])

    /// ksqlDB's `Encode`: decode `text` from one encoding, then write the bytes in another.
    static func encode(_ text: String, from: Encoding, to: Encoding) throws(RecordError) -> String {
        let bytes: [UInt8]
        switch from {
        case .hex:
            let digits = strippingHexPrefix(text)
            guard digits.utf8.count % 2 == 0 else { throw RecordError("Odd number of characters.") }
            guard let decoded = ByteEncodings.bytes(fromHex: digits) else {
                throw RecordError("Illegal hexadecimal character in \(digits)")
            }
            bytes = decoded
        case .utf8: bytes = Array(text.utf8)
        case .ascii: bytes = ByteEncodings.asciiBytes(text)
        case .base64: bytes = ByteEncodings.lenientBase64(text)
        }
        switch to {
        case .hex: return ByteEncodings.hex(bytes, uppercase: false)
        case .utf8: return ByteEncodings.utf8String(bytes)
        case .ascii: return ByteEncodings.asciiString(bytes)
        case .base64: return bytes.withUnsafeBytes { Base64.encode($0) }
        }
    }

    /// Drops a `0x` prefix (padding an odd digit count with a leading zero) or an `X'...'`
    /// wrapper; other text is left alone.
    static func strippingHexPrefix(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        if utf8.count >= 2, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "x") {
            let digits = String(decoding: utf8[2...], as: UTF8.self)
            return utf8.count % 2 != 0 ? "0" + digits : digits
        }
        if utf8.count >= 3, utf8[0] | 0x20 == UInt8(ascii: "x"), utf8[1] == UInt8(ascii: "'"),
            utf8[utf8.count - 1] == UInt8(ascii: "'")
        {
            return String(decoding: utf8[2..<(utf8.count - 1)], as: UTF8.self)
        }
        return text
    }
}

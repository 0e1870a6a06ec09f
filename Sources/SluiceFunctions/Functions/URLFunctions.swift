import SluiceCore

/// URL_DECODE_PARAM, URL_ENCODE_PARAM and the URL_EXTRACT_* functions, which read URLs as
/// `java.net.URI` does.
enum URLFunctions {
    static let all: [ScalarFunction] = [
        decodeParam, encodeParam,
        extracting("URL_EXTRACT_FRAGMENT", "the decoded fragment (after '#')", \.fragment),
        extracting("URL_EXTRACT_HOST", "the host", \.host),
        extracting("URL_EXTRACT_PATH", "the decoded path", \.path),
        extracting("URL_EXTRACT_PROTOCOL", "the scheme ('http')", \.scheme),
        extracting("URL_EXTRACT_QUERY", "the decoded query (after '?')", \.query),
        extractPort, extractParameter,
    ]

    static func uri(_ value: Value) throws(RecordError) -> JavaURI {
        try JavaURI(value.byteStringValue!.string)
    }

    static func extracting(_ name: String, _ what: String, _ component: KeyPath<JavaURI, String?> & Sendable)
        -> ScalarFunction
    {
        ScalarFunction(
            name, category: .url, description: "Returns \(what) of a URL, or NULL if it has none.",
            overloads: [
                FunctionOverload(
                    [.p("input", .string)], returns: .fixed(.string),
                    kernel: .strict { input throws(RecordError) in
                        try uri(input)[keyPath: component].map { .string($0) } ?? .null
                    })
            ])
    }

    static let extractPort = ScalarFunction(
        "URL_EXTRACT_PORT", category: .url, description: "Returns the port of a URL, or NULL if it has none.",
        overloads: [
            FunctionOverload(
                [.p("input", .string)], returns: .fixed(.integer),
                kernel: .strict { input throws(RecordError) in
                    guard let port = try uri(input).port, let narrow = Int32(exactly: port) else { return .null }
                    return .integer(narrow)
                })
        ])

    static let extractParameter = ScalarFunction(
        "URL_EXTRACT_PARAMETER", category: .url,
        description:
            "Returns the value of the first query parameter of a URL with the given name ('' for a parameter "
            + "without '='), or NULL if there is none.",
        overloads: [
            FunctionOverload(
                [.p("input", .string), .p("paramToFind", .string)], returns: .fixed(.string),
                kernel: .binary { input, name throws(RecordError) in
                    guard !input.isNull, let query = try uri(input).query else { return .null }
                    let wanted = name.byteStringValue?.string
                    for parameter in query.split(separator: "&", omittingEmptySubsequences: false) {
                        let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                        guard String(pair[0]) == wanted else { continue }
                        return .string(pair.count == 2 ? String(pair[1]) : "")
                    }
                    return .null
                })
        ])

    static let encodeParam = ScalarFunction(
        "URL_ENCODE_PARAM", category: .url,
        description:
            "Encodes a string as an application/x-www-form-urlencoded value: letters, digits and '-_.*' stay, "
            + "space becomes '+', everything else %XX of its UTF-8 bytes.",
        overloads: [
            FunctionOverload(
                [.p("input", .string)], returns: .fixed(.string),
                kernel: .strict { input in
                    var output: [UInt8] = []
                    for byte in input.byteStringValue!.bytes {
                        switch byte {
                        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                            UInt8(ascii: "."), UInt8(ascii: "*"):
                            output.append(byte)
                        case UInt8(ascii: " "):
                            output.append(UInt8(ascii: "+"))
                        default:
                            output.append(UInt8(ascii: "%"))
                            output.append(contentsOf: ByteEncodings.hex([byte], uppercase: true).utf8)
                        }
                    }
                    return .string(Bytes.make(output))
                })
        ])

    static let decodeParam = ScalarFunction(
        "URL_DECODE_PARAM", category: .url,
        description: "Decodes an application/x-www-form-urlencoded value: '+' becomes space and %XX a UTF-8 byte.",
        overloads: [
            FunctionOverload(
                [.p("input", .string)], returns: .fixed(.string),
                kernel: .strict { input throws(RecordError) in
                    .string(ByteString(try formDecode(input.byteStringValue!.bytes)))
                })
        ])

    /// `URLDecoder.decode(text, UTF_8)`.
    static func formDecode(_ bytes: [UInt8]) throws(RecordError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "+"):
                output.append(UInt8(ascii: " "))
                index += 1
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.count else {
                    throw RecordError("URLDecoder: Incomplete trailing escape (%) pattern")
                }
                guard let high = ByteEncodings.hexValue(bytes[index + 1]),
                    let low = ByteEncodings.hexValue(bytes[index + 2])
                else {
                    throw RecordError("URLDecoder: Illegal hex characters in escape (%) pattern")
                }
                output.append(high << 4 | low)
                index += 3
            default:
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

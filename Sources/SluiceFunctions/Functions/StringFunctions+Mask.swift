import SluiceCore

extension StringFunctions {
    static let masking: [ScalarFunction] = [
        mask,
        maskSpan("MASK_LEFT", "Masks the first n characters of a string.", keep: false, fromLeft: true),
        maskSpan("MASK_RIGHT", "Masks the last n characters of a string.", keep: false, fromLeft: false),
        maskSpan("MASK_KEEP_LEFT", "Masks all but the first n characters of a string.", keep: true, fromLeft: true),
        maskSpan("MASK_KEEP_RIGHT", "Masks all but the last n characters of a string.", keep: true, fromLeft: false),
        chr, uuid,
    ]

    /// Replacement characters per character class; `nil` leaves that class unmasked.
    struct Masker: Sendable {
        var upper: Unicode.Scalar? = "X"
        var lower: Unicode.Scalar? = "x"
        var digit: Unicode.Scalar? = "n"
        var other: Unicode.Scalar? = "-"

        /// The masks from four optional arguments: NULL keeps that class unmasked (as ksqlDB's
        /// `Masker.getMaskCharacter` does), anything but one character is an error.
        init(_ masks: [Value]) throws(RecordError) {
            upper = try Masker.character(masks[0])
            lower = try Masker.character(masks[1])
            digit = try Masker.character(masks[2])
            other = try Masker.character(masks[3])
        }

        init() {}

        static func character(_ value: Value) throws(RecordError) -> Unicode.Scalar? {
            guard let text = value.byteStringValue?.string else { return nil }
            let scalars = Array(text.unicodeScalars)
            guard scalars.count == 1 else {
                throw RecordError("Invalid mask character. Must be only single character, but was '\(text)'")
            }
            return scalars[0]
        }

        func mask(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            let replacement: Unicode.Scalar?
            switch scalar.properties.generalCategory {
            case .uppercaseLetter: replacement = upper
            case .lowercaseLetter: replacement = lower
            case .decimalNumber: replacement = digit
            default: replacement = other
            }
            return replacement ?? scalar
        }
    }

    static let mask = ScalarFunction(
        "MASK", category: .string,
        description:
            "Masks every character of a string: upper-case letters become 'X', lower-case 'x', "
            + "digits 'n' and others '-', or the given replacements.",
        overloads: [
            FunctionOverload(
                [.p("input", .string)], returns: .fixed(.string),
                kernel: .unary { input in
                    maskValue(input, count: 0, keep: true, fromLeft: true, masker: Masker())
                }),
            FunctionOverload(
                [
                    .p("input", .string), .p("upper", .string), .p("lower", .string), .p("digit", .string),
                    .p("other", .string),
                ],
                returns: .fixed(.string),
                kernel: .variadic { arguments throws(RecordError) in
                    let masker = try Masker(Array(arguments[1...4]))
                    return maskValue(arguments[0], count: 0, keep: true, fromLeft: true, masker: masker)
                }),
        ])

    static func maskSpan(_ name: String, _ description: String, keep: Bool, fromLeft: Bool) -> ScalarFunction {
        let lower = name.lowercased()
        return ScalarFunction(
            name, category: .string, description: description + " Masking rules as MASK.",
            overloads: [
                FunctionOverload(
                    [.p("input", .string), .p("count", .integer)], returns: .fixed(.string),
                    kernel: .binary { input, count throws(RecordError) in
                        guard let n = count.int32Value else { return .null }
                        try checkCount(n, lower)
                        return maskValue(input, count: Int(n), keep: keep, fromLeft: fromLeft, masker: Masker())
                    }),
                FunctionOverload(
                    [
                        .p("input", .string), .p("count", .integer), .p("upper", .string), .p("lower", .string),
                        .p("digit", .string), .p("other", .string),
                    ],
                    returns: .fixed(.string),
                    kernel: .variadic { arguments throws(RecordError) in
                        guard let n = arguments[1].int32Value else { return .null }
                        let masker = try Masker(Array(arguments[2...5]))
                        try checkCount(n, lower)
                        return maskValue(arguments[0], count: Int(n), keep: keep, fromLeft: fromLeft, masker: masker)
                    }),
            ])
    }

    static func checkCount(_ count: Int32, _ name: String) throws(RecordError) {
        if count < 0 {
            throw RecordError("function \(name) requires a non-negative number of characters to mask or skip")
        }
    }

    /// Masks `input`, leaving alone (`keep`) or masking only the `count` characters at one end.
    static func maskValue(_ input: Value, count: Int, keep: Bool, fromLeft: Bool, masker: Masker) -> Value {
        guard let text = input.byteStringValue?.string else { return .null }
        let scalars = Array(text.unicodeScalars)
        let span = min(count, scalars.count)
        let spanRange = fromLeft ? 0..<span : (scalars.count - span)..<scalars.count
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let inSpan = spanRange.contains(index)
            output.append(inSpan == keep ? scalar : masker.mask(scalar))
        }
        return .string(ByteString(String(output)))
    }

    static let chr = ScalarFunction(
        "CHR", category: .string,
        description: "Returns the character with a code point, given as a number or as a '\\uXXXX' escape.",
        overloads: [
            FunctionOverload(
                [.p("code", .integer)], returns: .fixed(.string),
                kernel: .strict { code in
                    let value = code.int32Value!
                    guard value >= 0, value <= 0x10FFFF else { return .null }
                    // A lone surrogate can't be encoded; Java's UTF-8 encoder writes '?'.
                    guard let scalar = Unicode.Scalar(UInt32(value)) else { return .string("?") }
                    return .string(ByteString(String(Character(scalar))))
                }),
            FunctionOverload(
                [.p("code", .string)], returns: .fixed(.string),
                kernel: .strict { code throws(RecordError) in
                    let text = code.byteStringValue!.string
                    guard text.unicodeScalars.count >= 6, text.hasPrefix("\\u") else { return .null }
                    return .string(ByteString(try unescapeUnicode(text)))
                }),
        ])

    /// commons-lang `unescapeJava` for `\uXXXX` escapes (surrogate pairs combine).
    static func unescapeUnicode(_ text: String) throws(RecordError) -> String {
        let scalars = Array(text.unicodeScalars)
        var units: [UInt16] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" {
                var next = index + 1
                while next < scalars.count, scalars[next] == "u" { next += 1 }
                guard next + 4 <= scalars.count,
                    let unit = UInt16(String(String.UnicodeScalarView(scalars[next..<(next + 4)])), radix: 16)
                else {
                    throw RecordError("Unable to parse unicode value: \(text)")
                }
                units.append(unit)
                index = next + 4
            } else {
                units.append(contentsOf: String(scalars[index]).utf16)
                index += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    static let uuid = ScalarFunction(
        "UUID", category: .string,
        description:
            "Returns a random version 4 UUID as a string, or the UUID string of 16 BYTES (NULL for any other length).",
        overloads: [
            FunctionOverload([], returns: .fixed(.string), kernel: .nullary { .string(ByteString(randomUUID())) }),
            FunctionOverload(
                [.p("bytes", .bytes)], returns: .fixed(.string),
                kernel: .strict { value in
                    let bytes = value.byteStringValue!.bytes
                    return bytes.count == 16 ? .string(ByteString(uuidText(bytes))) : .null
                }),
        ])

    /// `8-4-4-4-12` lower-case hex digits of 16 bytes, as `java.util.UUID.toString`.
    static func uuidText(_ bytes: [UInt8]) -> String {
        let hex = Array(ByteEncodings.hex(bytes, uppercase: false))
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    }

    static func randomUUID() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
        return hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-" + hex[8..<10].joined()
            + "-"
            + hex[10..<16].joined()
    }
}

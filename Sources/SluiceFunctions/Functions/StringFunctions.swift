import SluiceCore

/// UCASE, LCASE, LEN, TRIM, LTRIM, RTRIM, INITCAP, REPLACE.
enum StringFunctions {
    static let all: [ScalarFunction] =
        [ucase, lcase, len, trim, ltrim, rtrim, initcap, replace]
        + StringFunctions.concatenation + StringFunctions.positional + StringFunctions.masking

    static let ucase = ScalarFunction(
        "UCASE", category: .string, description: "Converts a string to upper case.",
        overloads: [
            .init(
                [.p("input", .string)], returns: .fixed(.string),
                kernel: .strict { value in
                    .string(changeCase(value.byteStringValue!, upper: true))
                })
        ])

    static let lcase = ScalarFunction(
        "LCASE", category: .string, description: "Converts a string to lower case.",
        overloads: [
            .init(
                [.p("input", .string)], returns: .fixed(.string),
                kernel: .strict { value in
                    .string(changeCase(value.byteStringValue!, upper: false))
                })
        ])

    /// Full Unicode case mapping (`ß` upper-cases to `SS`), with a byte loop for ASCII.
    static func changeCase(_ text: ByteString, upper: Bool) -> ByteString {
        let ascii = text.withBytes { UTF8Text.isASCII($0) }
        guard ascii else {
            let string = text.string
            return ByteString(upper ? string.uppercased() : string.lowercased())
        }
        let (low, high): (UInt8, UInt8) = upper ? (0x61, 0x7A) : (0x41, 0x5A)
        return text.withBytes { source in
            Bytes.make(capacity: source.count) { target in
                for index in 0..<source.count {
                    let byte = source[index]
                    target.storeBytes(
                        of: byte >= low && byte <= high ? byte ^ 0x20 : byte, toByteOffset: index, as: UInt8.self)
                }
                return source.count
            }
        }
    }

    static let len = ScalarFunction(
        "LEN", category: .string,
        description: "Returns the number of characters in a string, or of bytes in a BYTES value.",
        overloads: [
            .init(
                [.p("input", .string)], returns: .fixed(.integer),
                kernel: .strict { value in
                    .integer(Int32(value.byteStringValue!.withBytes { UTF8Text.codePointCount($0) }))
                }),
            .init(
                [.p("input", .bytes)], returns: .fixed(.integer),
                kernel: .strict { value in
                    .integer(value.byteStringValue!.count)
                }),
        ])

    static func trimming(_ name: String, _ description: String, leading: Bool, trailing: Bool) -> ScalarFunction {
        ScalarFunction(
            name, category: .string, description: description,
            overloads: [
                .init(
                    [.p("input", .string)], returns: .fixed(.string),
                    kernel: .strict { value in
                        let text = value.byteStringValue!
                        let range = text.withBytes { bytes -> Range<Int> in
                            let both = JavaText.trimmedRange(bytes)
                            return (leading ? both.lowerBound : 0)..<(trailing ? both.upperBound : bytes.count)
                        }
                        // A slice shares the input's storage: trimming copies nothing.
                        return .string(
                            range.isEmpty
                                ? .empty : text.slice(range.lowerBound..<max(range.lowerBound, range.upperBound)))
                    })
            ])
    }

    static let trim = trimming(
        "TRIM", "Removes characters up to U+0020 (spaces, tabs, line breaks) from both ends of a string.",
        leading: true, trailing: true)
    static let ltrim = trimming(
        "LTRIM", "Removes characters up to U+0020 (spaces, tabs, line breaks) from the start of a string.",
        leading: true, trailing: false)
    static let rtrim = trimming(
        "RTRIM", "Removes characters up to U+0020 (spaces, tabs, line breaks) from the end of a string.",
        leading: false, trailing: true)

    static let initcap = ScalarFunction(
        "INITCAP", category: .string,
        description:
            "Capitalizes the first letter of each word and lower-cases the rest. Words are delimited by whitespace.",
        overloads: [
            .init(
                [.p("input", .string)], returns: .fixed(.string),
                kernel: .strict { value in
                    .string(ByteString(capitalizeWords(value.byteStringValue!.string)))
                })
        ])

    /// ksqlDB lower-cases the text, then upper-cases the first character of each match of
    /// `[^\s]+\s*`; whitespace before the first word is dropped.
    static func capitalizeWords(_ text: String) -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"].contains($0) }
        var output = String.UnicodeScalarView()
        var atWordStart = true
        var seenWord = false
        for scalar in text.lowercased().unicodeScalars {
            if isSpace(scalar) {
                if seenWord { output.append(scalar) }
                atWordStart = true
            } else {
                if atWordStart {
                    output.append(contentsOf: String(scalar).uppercased().unicodeScalars)
                } else {
                    output.append(scalar)
                }
                atWordStart = false
                seenWord = true
            }
        }
        return String(output)
    }

    static let replace = ScalarFunction(
        "REPLACE", category: .string,
        description: "Replaces every occurrence of a substring with another string.",
        overloads: [
            .init(
                [.p("input", .string), .p("target", .string), .p("replacement", .string)], returns: .fixed(.string),
                kernel: .strict { input, target, replacement in
                    .string(replacing(input.byteStringValue!, target.byteStringValue!, replacement.byteStringValue!))
                })
        ])

    /// Java's `String.replace`: left to right, non-overlapping; an empty target inserts the
    /// replacement before every character and at the end.
    static func replacing(_ input: ByteString, _ target: ByteString, _ replacement: ByteString) -> ByteString {
        let new = replacement.bytes
        return input.withBytes { source in
            target.withBytes { old in
                var output: [UInt8] = []
                output.reserveCapacity(source.count)
                var index = 0
                if old.isEmpty {
                    while index < source.count {
                        output.append(contentsOf: new)
                        let next = UTF8Text.decode(source, at: index).next
                        output.append(contentsOf: source[index..<next])
                        index = next
                    }
                    output.append(contentsOf: new)
                    return Bytes.make(output)
                }
                var copied = 0
                while index + old.count <= source.count {
                    if source[index] == old[0], memcmpEqual(source, index, old) {
                        output.append(contentsOf: source[copied..<index])
                        output.append(contentsOf: new)
                        index += old.count
                        copied = index
                    } else {
                        index += 1
                    }
                }
                if copied == 0 { return input }
                output.append(contentsOf: source[copied...])
                return Bytes.make(output)
            }
        }
    }

    static func memcmpEqual(_ bytes: UnsafeRawBufferPointer, _ at: Int, _ other: UnsafeRawBufferPointer) -> Bool {
        for offset in 0..<other.count where bytes[at + offset] != other[offset] { return false }
        return true
    }
}

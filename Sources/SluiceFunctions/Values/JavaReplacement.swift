/// A replacement string in Java's `Matcher.appendReplacement` syntax: `$n` and `${name}` insert
/// a group, `\x` inserts `x` literally.
package struct JavaReplacement {
    enum Part {
        case literal([UInt8])
        case group(Int)
    }

    let parts: [Part]

    /// Parses `text` against the groups of `pattern`.
    ///
    /// - Throws: `RecordError` with Java's message for a dangling `\` or `$`, or an unknown group.
    package init(_ text: String, for pattern: PCRE2Pattern) throws(RecordError) {
        let bytes = Array(text.utf8)
        var parts: [Part] = []
        var literal: [UInt8] = []
        var index = 0
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { throw RecordError("character to be escaped is missing") }
                literal.append(bytes[index])
                index += 1
            } else if byte == UInt8(ascii: "$") {
                index += 1
                guard index < bytes.count else { throw RecordError("Illegal group reference: group index is missing") }
                flush()
                if bytes[index] == UInt8(ascii: "{") {
                    guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else {
                        throw RecordError("named capturing group is missing trailing '}'")
                    }
                    let name = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                    guard let number = pattern.groupNumber(named: name) else {
                        throw RecordError("No group with name {\(name)}")
                    }
                    parts.append(.group(number))
                    index = close + 1
                } else {
                    guard let first = JavaReplacement.digit(bytes[index]) else {
                        throw RecordError("Illegal group reference")
                    }
                    // Java reads more digits only while the number stays a valid group.
                    var number = first
                    index += 1
                    while index < bytes.count, let digit = JavaReplacement.digit(bytes[index]),
                        number * 10 + digit <= pattern.groupCount
                    {
                        number = number * 10 + digit
                        index += 1
                    }
                    guard number <= pattern.groupCount else { throw RecordError("No group \(number)") }
                    parts.append(.group(number))
                }
            } else {
                literal.append(byte)
                index += 1
            }
        }
        flush()
        self.parts = parts
    }

    static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// Appends the replacement for `match` in `subject` to `output`.
    package func append(
        _ match: PCRE2Pattern.Match, in subject: UnsafeRawBufferPointer, to output: inout [UInt8]
    ) {
        for part in parts {
            switch part {
            case .literal(let bytes): output.append(contentsOf: bytes)
            case .group(let group):
                if let range = match.range(group) { output.append(contentsOf: subject[range]) }
            }
        }
    }
}

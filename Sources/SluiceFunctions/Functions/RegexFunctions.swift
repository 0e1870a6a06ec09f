import SluiceCore

/// REGEXP_EXTRACT, REGEXP_EXTRACT_ALL, REGEXP_REPLACE, REGEXP_SPLIT_TO_ARRAY over Java regular
/// expressions, run by PCRE2. A literal pattern is compiled once per call site.
enum RegexFunctions {
    static let all: [ScalarFunction] = [regexpExtract, regexpExtractAll, regexpReplace, regexpSplitToArray]

    static func patterns(_ site: CallSite, _ index: Int) -> PreparedArgument<PCRE2Pattern> {
        PreparedArgument(site, index) { text throws(RecordError) in try PCRE2Pattern(java: text) }
    }

    static let regexpExtract = ScalarFunction(
        "REGEXP_EXTRACT", category: .regularExpression,
        description:
            "Returns the first substring of the input that matches a regular expression (Java syntax), or the "
            + "given capturing group of it; NULL when nothing matches or the group does not exist.",
        overloads: [extracting(all: false, group: false), extracting(all: false, group: true)])

    static let regexpExtractAll = ScalarFunction(
        "REGEXP_EXTRACT_ALL", category: .regularExpression,
        description:
            "Returns every substring of the input that matches a regular expression (Java syntax), or the given "
            + "capturing group of each match; NULL when the group does not exist.",
        overloads: [extracting(all: true, group: false), extracting(all: true, group: true)])

    static func extracting(all: Bool, group: Bool) -> FunctionOverload {
        var parameters: [FunctionParameter] = [.p("pattern", .string), .p("input", .string)]
        if group { parameters.append(.p("group", .integer)) }
        return FunctionOverload(parameters, returns: .fixed(all ? .array(.string) : .string)) {
            (site: CallSite) -> ScalarKernel in
            let compiled = patterns(site, 0)
            let extract: @Sendable (Value, Value, Int) throws(RecordError) -> Value = {
                pattern, input, group throws(RecordError) in
                let regex = try compiled.get(pattern)
                guard group <= regex.groupCount else { return .null }
                guard group >= 0 else { throw RecordError("No group \(group)") }
                let text = input.byteStringValue!
                var found: [Value] = []
                try text.withTypedBytes { (bytes: UnsafeRawBufferPointer) throws(RecordError) in
                    try regex.forEachMatch(in: bytes) { match in
                        found.append(match.range(group).map { .string(text.slice($0)) } ?? .null)
                        return all
                    }
                }
                return all ? .array(found) : (found.first ?? .null)
            }
            guard group else { return .strict { pattern, input throws(RecordError) in try extract(pattern, input, 0) } }
            return .strict { pattern, input, group throws(RecordError) in
                try extract(pattern, input, Int(group.int32Value!))
            }
        }
    }

    static let regexpReplace = ScalarFunction(
        "REGEXP_REPLACE", category: .regularExpression,
        description:
            "Replaces every match of a regular expression (Java syntax) in a string; the replacement may refer to "
            + "groups as $1 or ${name}, and \\ quotes the next character.",
        overloads: [
            FunctionOverload(
                [.p("str", .string), .p("regexp", .string), .p("newStr", .string)], returns: .fixed(.string)
            ) { (site: CallSite) -> ScalarKernel in
                let compiled = patterns(site, 1)
                return .strict { input, pattern, replacement throws(RecordError) in
                    let regex = try compiled.get(pattern)
                    return .string(try replacing(input.byteStringValue!, regex, replacement.byteStringValue!.string))
                }
            }
        ])

    /// Java's `String.replaceAll`; the replacement is parsed at the first match, so a bad one only
    /// fails when something matches.
    static func replacing(_ input: ByteString, _ regex: PCRE2Pattern, _ replacementText: String) throws(RecordError)
        -> ByteString
    {
        try input.withTypedBytes { (bytes: UnsafeRawBufferPointer) throws(RecordError) -> ByteString in
            var output: [UInt8] = []
            var copied = 0
            var replacement: JavaReplacement?
            var failure: RecordError?
            try regex.forEachMatch(in: bytes) { match in
                let whole = match.range(0)!
                do throws(RecordError) {
                    if replacement == nil { replacement = try JavaReplacement(replacementText, for: regex) }
                } catch {
                    failure = error
                    return false
                }
                output.append(contentsOf: bytes[copied..<whole.lowerBound])
                replacement!.append(match, in: bytes, to: &output)
                copied = whole.upperBound
                return true
            }
            if let failure { throw failure }
            if replacement == nil { return input }
            output.append(contentsOf: bytes[copied...])
            return Bytes.make(output)
        }
    }

    static let regexpSplitToArray = ScalarFunction(
        "REGEXP_SPLIT_TO_ARRAY", category: .regularExpression,
        description:
            "Splits a string at every match of a regular expression (Java syntax). Matches at the start, at the "
            + "end or next to each other give empty strings; an empty pattern splits into characters.",
        overloads: [
            FunctionOverload([.p("string", .string), .p("regexp", .string)], returns: .fixed(.array(.string))) {
                (site: CallSite) -> ScalarKernel in
                let compiled = patterns(site, 1)
                return .strict { input, pattern throws(RecordError) in
                    let regex = try compiled.get(pattern)
                    let text = input.byteStringValue!
                    let pieces =
                        try regex.matchesEmptyString()
                        ? try javaSplit(text, regex) : try guavaSplit(text, regex)
                    return .array(pieces.map { .string(text.slice($0)) })
                }
            }
        ])

    /// `Pattern.split(input)` for patterns that can match nothing: no leading empty piece from a
    /// zero-width match at the start, trailing empty pieces removed.
    static func javaSplit(_ text: ByteString, _ regex: PCRE2Pattern) throws(RecordError) -> [Range<Int>] {
        try text.withTypedBytes { (bytes: UnsafeRawBufferPointer) throws(RecordError) -> [Range<Int>] in
            var pieces: [Range<Int>] = []
            var start = 0
            try regex.forEachMatch(in: bytes) { match in
                let whole = match.range(0)!
                if start == 0, whole.lowerBound == 0, whole.isEmpty { return true }
                pieces.append(start..<whole.lowerBound)
                start = whole.upperBound
                return true
            }
            if start == 0 && pieces.isEmpty { return [0..<bytes.count] }
            pieces.append(start..<bytes.count)
            while let last = pieces.last, last.isEmpty { pieces.removeLast() }
            return pieces
        }
    }

    /// Guava's `Splitter.on(pattern)`: a piece between every two matches, empty ones included; a
    /// zero-width match where a piece starts is skipped.
    static func guavaSplit(_ text: ByteString, _ regex: PCRE2Pattern) throws(RecordError) -> [Range<Int>] {
        try text.withTypedBytes { (bytes: UnsafeRawBufferPointer) throws(RecordError) -> [Range<Int>] in
            var pieces: [Range<Int>] = []
            var start = 0
            try regex.forEachMatch(in: bytes) { match in
                let whole = match.range(0)!
                if whole.isEmpty && whole.lowerBound == start { return true }
                pieces.append(start..<whole.lowerBound)
                start = whole.upperBound
                return true
            }
            pieces.append(start..<bytes.count)
            return pieces
        }
    }
}

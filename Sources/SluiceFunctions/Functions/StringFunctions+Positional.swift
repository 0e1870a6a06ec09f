import SluiceCore

extension StringFunctions {
    static let positional: [ScalarFunction] = [substring, instr, lpad, rpad]

    static let substring = ScalarFunction(
        "SUBSTRING", category: .string,
        description:
            "Returns the part of a string or BYTES value that starts at a 1-based position (negative "
            + "counts from the end), optionally of a given length.",
        overloads: [ParameterType.string, .bytes].flatMap { type -> [FunctionOverload] in
            let characters = type == .string
            return [
                FunctionOverload(
                    [.p("input", type), .p("position", .integer)], returns: .fixed(type.fixedType!),
                    kernel: .strict { input, position in
                        let text = input.byteStringValue!
                        return rewrap(
                            input,
                            substringOf(text, start: Int(position.int32Value!), length: nil, characters: characters))
                    }),
                FunctionOverload(
                    [.p("input", type), .p("position", .integer), .p("length", .integer)],
                    returns: .fixed(type.fixedType!),
                    kernel: .strict { input, position, length in
                        let text = input.byteStringValue!
                        return rewrap(
                            input,
                            substringOf(
                                text, start: Int(position.int32Value!), length: Int(length.int32Value!),
                                characters: characters))
                    }),
            ]
        })

    static func rewrap(_ original: Value, _ bytes: ByteString) -> Value {
        if case .bytes = original { return .bytes(bytes) }
        return .string(bytes)
    }

    /// ksqlDB's SUBSTRING: position p > 0 starts at p - 1, p < 0 at `count + p` (clamped to 0),
    /// p = 0 at the start; the end is start + length clamped to the value. Returns a slice.
    static func substringOf(_ text: ByteString, start position: Int, length: Int?, characters: Bool) -> ByteString {
        text.withBytes { bytes in
            let ascii = !characters || UTF8Text.isASCII(bytes)
            let count = ascii ? bytes.count : UTF8Text.codePointCount(bytes)
            let start = position < 0 ? max(count + position, 0) : max(min(position - 1, count), 0)
            let end = length.map { max(min(start + $0, count), start) } ?? count
            if ascii { return text.slice(start..<end) }
            let from = UTF8Text.byteOffset(ofCodePoint: start, in: bytes)
            let to = UTF8Text.byteOffset(ofCodePoint: end, in: bytes)
            return text.slice(from..<to)
        }
    }

    static let instr = ScalarFunction(
        "INSTR", category: .string,
        description:
            "Returns the 1-based position of the n-th occurrence of a substring, searching from a "
            + "position (negative searches backwards from the end); 0 if absent.",
        overloads: [
            FunctionOverload(
                [.p("input", .string), .p("substring", .string)], returns: .fixed(.integer),
                kernel: .binary { a, b in
                    instrValue(a, b, .integer(1), .integer(1))
                }),
            FunctionOverload(
                [.p("input", .string), .p("substring", .string), .p("position", .integer)], returns: .fixed(.integer),
                kernel: .ternary { a, b, position in instrValue(a, b, position, .integer(1)) }),
            FunctionOverload(
                [.p("input", .string), .p("substring", .string), .p("position", .integer), .p("occurrence", .integer)],
                variadic: false, returns: .fixed(.integer),
                kernel: .variadic { arguments in instrValue(arguments[0], arguments[1], arguments[2], arguments[3]) }),
        ])

    static func instrValue(_ input: Value, _ substring: Value, _ position: Value, _ occurrence: Value) -> Value {
        guard let position = position.int32Value, let occurrence = occurrence.int32Value else { return .null }
        guard let text = input.byteStringValue, let part = substring.byteStringValue else { return .integer(0) }
        return .integer(
            Int32(
                instrPosition(
                    Array(text.string.unicodeScalars), Array(part.string.unicodeScalars), Int(position), Int(occurrence)
                )))
    }

    /// ksqlDB's INSTR, built on commons-lang's `substring` and `ordinalIndexOf`.
    static func instrPosition(_ text: [Unicode.Scalar], _ part: [Unicode.Scalar], _ position: Int, _ occurrence: Int)
        -> Int
    {
        if abs(position) > text.count { return 0 }
        let reversed = position < 0
        let haystack = reversed ? Array(text.reversed()) : text
        let needle = reversed ? Array(part.reversed()) : part
        let p = reversed ? -position : position
        // commons-lang `substring(str, start)`: a negative start counts from the end.
        var start = p - 1
        if start < 0 { start += haystack.count }
        start = max(0, min(start, haystack.count))
        let index = ordinalIndex(of: needle, in: Array(haystack[start...]), occurrence: occurrence)
        if index < 0 { return 0 }
        return reversed ? text.count - p - index - part.count + 2 : index + p
    }

    /// commons-lang `ordinalIndexOf`: the index of the n-th (possibly overlapping) occurrence, or -1.
    static func ordinalIndex(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], occurrence: Int) -> Int {
        if occurrence <= 0 { return -1 }
        if needle.isEmpty { return 0 }
        var found = 0
        var index = -1
        repeat {
            index = firstIndex(of: needle, in: haystack, from: index + 1)
            if index < 0 { return -1 }
            found += 1
        } while found < occurrence
        return index
    }

    static func firstIndex(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return -1 }
        for index in start...(haystack.count - needle.count)
        where haystack[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return -1
    }

    static func padding(_ name: String, left: Bool) -> ScalarFunction {
        let side = left ? "start" : "end"
        return ScalarFunction(
            name, category: .string,
            description:
                "Pads a string or BYTES value at the \(side) with a padding value up to a length, or "
                + "truncates it to that length. An empty or NULL padding or a negative length gives "
                + "NULL.",
            overloads: [ParameterType.string, .bytes].map { type in
                FunctionOverload(
                    [.p("input", type), .p("length", .integer), .p("padding", type)], returns: .fixed(type.fixedType!),
                    kernel: .ternary { input, length, padding throws(RecordError) in
                        guard let text = input.byteStringValue else { return .null }
                        guard let target = length.int32Value, target >= 0, let fill = padding.byteStringValue,
                            !fill.isEmpty
                        else {
                            return .null
                        }
                        // One record must not take the process's memory (ksqlDB fails on such a length too).
                        let longest = Int(target) * (type == .string ? max(Int(fill.count), 1) : 1)
                        guard longest <= maximumPaddedBytes || Int(target) <= Int(text.count) else {
                            throw RecordError("\(name) result of \(target) characters is longer than "
                                + "\(maximumPaddedBytes) bytes")
                        }
                        let result =
                            type == .string
                            ? padCharacters(text, Int(target), fill, left: left)
                            : padBytes(text.bytes, Int(target), fill.bytes, left: left)
                        return rewrap(input, result)
                    })
            })
    }

    static let lpad = padding("LPAD", left: true)
    static let rpad = padding("RPAD", left: false)

    /// The longest result LPAD and RPAD build, in bytes.
    static let maximumPaddedBytes = 256 << 20

    /// Pads or truncates to `target` code points; the fill repeats from its first character.
    static func padCharacters(_ text: ByteString, _ target: Int, _ fill: ByteString, left: Bool) -> ByteString {
        let input = Array(text.string.utf8)
        let inputScalars = text.string.unicodeScalars.count
        if inputScalars >= target {
            // Truncate to `target` code points.
            let scalars = text.string.unicodeScalars
            return ByteString(String(scalars[scalars.startIndex..<scalars.index(scalars.startIndex, offsetBy: target)]))
        }
        // The filler: whole copies of the fill, then as many of its code points as still fit.
        let pad = Array(fill.string.unicodeScalars)
        let missing = target - inputScalars
        let fillBytes = Array(fill.string.utf8)
        var filler = repeated(fillBytes, times: missing / pad.count)
        for scalar in pad.prefix(missing % pad.count) { filler.append(contentsOf: String(scalar).utf8) }
        return ByteString(String(decoding: left ? filler + input : input + filler, as: UTF8.self))
    }

    static func padBytes(_ input: [UInt8], _ target: Int, _ fill: [UInt8], left: Bool) -> ByteString {
        if input.count > target { return Bytes.make(Array(input.prefix(target))) }
        let missing = target - input.count
        var filler = repeated(fill, times: missing / fill.count)
        filler.append(contentsOf: fill.prefix(missing % fill.count))
        return Bytes.make(left ? filler + input : input + filler)
    }

    /// `bytes` `times` times over, by doubling copies rather than one element at a time.
    static func repeated(_ bytes: [UInt8], times: Int) -> [UInt8] {
        guard times > 0, !bytes.isEmpty else { return [] }
        var result = bytes
        result.reserveCapacity(bytes.count * times)
        while result.count * 2 <= bytes.count * times { result.append(contentsOf: result) }
        result.append(contentsOf: result.prefix(bytes.count * times - result.count))
        return result
    }
}

import SluiceCore

extension StringFunctions {
    static let concatenation: [ScalarFunction] = [concat, concatWS, split]

    static let concat = ScalarFunction(
        "CONCAT", category: .string,
        description: "Concatenates strings or BYTES values; NULL arguments are skipped. Needs at least two arguments.",
        overloads: [concatOverload(.string), concatOverload(.bytes)])

    static func concatOverload(_ type: ParameterType) -> FunctionOverload {
        let wrap = wrapper(type)
        return FunctionOverload([.p("inputs", type)], variadic: true, returns: .fixed(type.fixedType!)) {
            (site: CallSite) throws(SQLTypeError) -> ScalarKernel in
            if site.argumentTypes.count == 2 {
                // `a || b` is CONCAT(a, b): the common case gets a two-argument kernel.
                return .binary { a, b in wrap(join([a.byteStringValue, b.byteStringValue], separator: nil)) }
            }
            return .variadic { (arguments: UnsafeBufferPointer<Value>) throws(RecordError) -> Value in
                guard arguments.count >= 2 else {
                    throw RecordError("Concat should have at least two input arguments.")
                }
                return wrap(join(arguments.map(\.byteStringValue), separator: nil))
            }
        }
    }

    static let concatWS = ScalarFunction(
        "CONCAT_WS", category: .string,
        description:
            "Concatenates strings or BYTES values with the first argument between them; NULL values "
            + "are skipped, a NULL separator gives NULL.",
        overloads: [concatWSOverload(.string), concatWSOverload(.bytes)])

    static func concatWSOverload(_ type: ParameterType) -> FunctionOverload {
        let wrap = wrapper(type)
        let kernel = ScalarKernel.variadic { (arguments: UnsafeBufferPointer<Value>) throws(RecordError) -> Value in
            guard arguments.count >= 2 else {
                throw RecordError("Function Concat_WS expects at least two input arguments.")
            }
            guard let separator = arguments[0].byteStringValue else { return .null }
            return wrap(join(arguments.dropFirst().map(\.byteStringValue), separator: separator))
        }
        return FunctionOverload([.p("inputs", type)], variadic: true, returns: .fixed(type.fixedType!), kernel: kernel)
    }

    /// Wraps result bytes as the overload's type.
    static func wrapper(_ type: ParameterType) -> @Sendable (ByteString) -> Value {
        let isString = type == .string
        return { bytes in isString ? .string(bytes) : .bytes(bytes) }
    }

    /// The non-NULL parts joined, with `separator` between them.
    static func join(_ parts: [ByteString?], separator: ByteString?) -> ByteString {
        let present = parts.compactMap { $0 }
        if present.count == 1 { return present[0] }
        let separatorCount = Int(separator?.count ?? 0)
        let total = present.reduce(0) { $0 + Int($1.count) } + separatorCount * max(0, present.count - 1)
        return Bytes.make(capacity: total) { target in
            var offset = 0
            for (index, part) in present.enumerated() {
                if index > 0, let separator {
                    separator.withBytes { (target + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                    offset += separatorCount
                }
                part.withBytes { bytes in
                    if let base = bytes.baseAddress { (target + offset).copyMemory(from: base, byteCount: bytes.count) }
                }
                offset += Int(part.count)
            }
            return offset
        }
    }

    static let split = ScalarFunction(
        "SPLIT", category: .string,
        description:
            "Splits a string or BYTES value at every occurrence of a delimiter. Leading, trailing "
            + "and adjacent delimiters give empty elements; an empty delimiter splits into single "
            + "characters or bytes.",
        overloads: [ParameterType.string, .bytes].map { type in
            FunctionOverload(
                [.p("input", type), .p("delimiter", type)], returns: .fixed(.array(type.fixedType!)),
                kernel: .strict { input, delimiter in
                    let wrap = wrapper(type)
                    let parts = splitting(
                        input.byteStringValue!, delimiter.byteStringValue!, characters: type == .string)
                    return .array(parts.map(wrap))
                })
        })

    /// Slices of `input` between delimiters (Guava's `Splitter.on`). An empty delimiter splits into
    /// code points (Java's `Pattern("").split`) or single bytes.
    static func splitting(_ input: ByteString, _ delimiter: ByteString, characters: Bool) -> [ByteString] {
        input.withBytes { bytes in
            delimiter.withBytes { separator in
                var parts: [ByteString] = []
                if separator.isEmpty {
                    if bytes.isEmpty { return [.empty] }
                    var offset = 0
                    while offset < bytes.count {
                        let next = characters ? UTF8Text.decode(bytes, at: offset).next : offset + 1
                        parts.append(input.slice(offset..<next))
                        offset = next
                    }
                    return parts
                }
                var start = 0
                var index = 0
                while index + separator.count <= bytes.count {
                    if bytes[index] == separator[0], memcmpEqual(bytes, index, separator) {
                        parts.append(input.slice(start..<index))
                        index += separator.count
                        start = index
                    } else {
                        index += 1
                    }
                }
                parts.append(input.slice(start..<bytes.count))
                return parts
            }
        }
    }
}

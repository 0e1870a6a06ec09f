import SluiceCore

/// The text ksqlDB makes of a non-string JSON value read into a `STRING` column:
/// numbers and booleans as Jackson prints the node (`12`, `1.50`, `1E-7`, `true`), objects as
/// compact JSON, arrays as Java's `List.toString` of their elements read as strings
/// (`[a, 1, null, {"k":2}]`).
///
/// Works on the token stream with an explicit stack, so nesting depth costs no call stack.
enum JSONTextConversion {
    private struct Level {
        var isObject: Bool
        /// Inside an object everything is JSON; arrays reached only through arrays use list text.
        var isList: Bool
        var isFirst = true
    }

    static func write(_ scanner: inout JSONScanner, startingWith byte: UInt8, into out: inout OutputBuffer) throws(SerdeError) {
        var stack: [Level] = []
        try writeValue(&scanner, byte, isList: false, stack: &stack, out: &out)
        while let top = stack.last {
            let next = try scanner.peekToken()
            if next == (top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                scanner.position += 1
                out.append(next)
                stack.removeLast()
                continue
            }
            if !top.isFirst {
                guard next == UInt8(ascii: ",") else {
                    throw JSONScanner.unexpected(next, expected: top.isObject ? "',' or '}'" : "',' or ']'")
                }
                scanner.position += 1
                out.append(UInt8(ascii: ","))
                if top.isList { out.append(0x20) }
            }
            stack[stack.count - 1].isFirst = false
            if top.isObject {
                guard try scanner.peekToken() == 0x22 else {
                    throw JSONScanner.unexpected(scanner.position.pointee, expected: "a field name")
                }
                let key = try scanner.scanString()
                writeQuoted(key, out: &out)
                try scanner.expect(UInt8(ascii: ":"), "':'")
                out.append(UInt8(ascii: ":"))
            }
            try writeValue(&scanner, try scanner.peekToken(), isList: top.isList, stack: &stack, out: &out)
        }
    }

    private static func writeValue(
        _ scanner: inout JSONScanner, _ byte: UInt8, isList: Bool, stack: inout [Level], out: inout OutputBuffer
    ) throws(SerdeError) {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard stack.count < JSONScanner.maxDepth else {
                throw .invalidJSON("document nesting depth exceeds the maximum allowed (\(JSONScanner.maxDepth))")
            }
            scanner.position += 1
            out.append(byte)
            let isObject = byte == UInt8(ascii: "{")
            // Only a top-level array or an array inside a list-text array is list text.
            stack.append(Level(isObject: isObject, isList: !isObject && (stack.isEmpty || isList)))
        case 0x22:
            let token = try scanner.scanString()
            if isList {
                appendUnescaped(token, out: &out)
            } else {
                writeQuoted(token, out: &out)
            }
        case UInt8(ascii: "t"):
            try scanner.consumeLiteral("true")
            out.append("true")
        case UInt8(ascii: "f"):
            try scanner.consumeLiteral("false")
            out.append("false")
        case UInt8(ascii: "n"):
            try scanner.consumeLiteral("null")
            out.append("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            writeNumber(try scanner.scanNumber(), out: &out)
        default:
            throw JSONScanner.unexpected(byte, expected: "a value")
        }
    }

    /// A number as Jackson prints its node: integers canonical, fractions as `BigDecimal.toString()`.
    static func writeNumber(_ token: JSONScanner.NumberToken, out: inout OutputBuffer) {
        let text = UnsafeRawBufferPointer(token.text)
        if token.isInteger {
            if token.count == 2, token.start[1] == 0x30 {
                out.append(0x30)
            } else {
                out.append(text)
            }
            return
        }
        guard let parsed = ParsedDecimal(token.text), !parsed.inexact, parsed.dropped == 0, parsed.scale.magnitude < 10_000
        else {
            out.append(text)
            return
        }
        let decimal = SQLDecimal(unscaled: Int128(parsed.magnitude) * (parsed.negative ? -1 : 1), scale: parsed.scale)
        out.reserve(DecimalText.maxLength(decimal))
        let end = out.cursor + DecimalText.writeJava(decimal, to: out.cursor)
        out.commit(upTo: end)
    }

    private static func writeQuoted(_ token: JSONScanner.StringToken, out: inout OutputBuffer) {
        if !token.hasEscapes {
            out.reserve(JSONEscaping.maxEscapedLength(token.count) + 2)
            out.append(0x22)
            out.commit(upTo: JSONEscaping.writeEscaped(UnsafeRawBufferPointer(token.raw), to: out.cursor))
            out.append(0x22)
            return
        }
        // Re-escape from the decoded text so the output uses Jackson's escapes, not the input's.
        var decoded = [UInt8](repeating: 0, count: token.count)
        let count = decoded.withUnsafeMutableBytes { JSONEscaping.unescape(token.raw, to: $0.baseAddress!) }
        decoded.withUnsafeBytes { raw in
            let text = UnsafeRawBufferPointer(rebasing: raw[..<count])
            out.reserve(JSONEscaping.maxEscapedLength(count) + 2)
            out.append(0x22)
            out.commit(upTo: JSONEscaping.writeEscaped(text, to: out.cursor))
            out.append(0x22)
        }
    }

    private static func appendUnescaped(_ token: JSONScanner.StringToken, out: inout OutputBuffer) {
        out.reserve(token.count)
        let count = JSONEscaping.unescape(token.raw, to: UnsafeMutableRawPointer(out.cursor))
        out.commit(upTo: out.cursor + count)
    }
}

/// Text conversions that behave as the JDK methods ksqlDB calls.
package enum JavaText {
    /// `String.trim()`: drops every character up to U+0020 from both ends (spaces, tabs, newlines
    /// and other control characters, not Unicode spaces).
    package static func trim(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let range = bytes.withUnsafeBytes { trimmedRange($0) }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The byte range `String.trim()` keeps. Bytes up to 0x20 are ASCII, so UTF-8 needs no decoding.
    @inlinable package static func trimmedRange(_ bytes: UnsafeRawBufferPointer) -> Range<Int> {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] <= 0x20 { start += 1 }
        while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
        return start..<end
    }

    /// ksqlDB's `SqlBooleans.parseBoolean`: true when the text is a non-empty prefix of `true` or
    /// `yes` in any case, false otherwise (never an error).
    package static func parseBooleanLeniently(_ text: String) -> Bool {
        isPrefixIgnoringCase(text, of: "true") || isPrefixIgnoringCase(text, of: "yes")
    }

    /// ksqlDB's `SqlBooleans.parseBooleanExact`: prefixes of `true`/`yes` and `false`/`no`, else `nil`.
    package static func parseBooleanExactly(_ text: String) -> Bool? {
        if parseBooleanLeniently(text) { return true }
        if isPrefixIgnoringCase(text, of: "false") || isPrefixIgnoringCase(text, of: "no") { return false }
        return nil
    }

    static func isPrefixIgnoringCase(_ text: String, of word: String) -> Bool {
        let bytes = Array(text.utf8)
        let target = Array(word.utf8)
        guard !bytes.isEmpty, bytes.count <= target.count else { return false }
        for (index, byte) in bytes.enumerated() {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower != target[index] { return false }
        }
        return true
    }

    /// `Long.parseLong`: an optional sign and ASCII digits, within range; `nil` otherwise.
    package static func parseInt64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count else { return nil }
        // Accumulate negatively so Int64.min parses without overflow.
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// `Integer.parseInt`: as `parseInt64`, within 32 bits.
    package static func parseInt32(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        parseInt64(bytes).flatMap { Int32(exactly: $0) }
    }

    /// `Double.parseDouble` without Java's `f`/`d` suffixes and hexadecimal forms: an optional
    /// sign, then `NaN`, `Infinity`, or digits with an optional point and exponent.
    package static func parseDouble(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let rest = String(decoding: bytes[index...], as: UTF8.self)
        let negative = index == 1 && bytes[0] == UInt8(ascii: "-")
        if rest == "NaN" { return .nan }
        if rest == "Infinity" { return negative ? -.infinity : .infinity }
        var digits = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            index += 1
            digits += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                index += 1
                digits += 1
            }
        }
        guard digits > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            var exponentDigits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                index += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == bytes.count else { return nil }
        return Double(text)
    }
}

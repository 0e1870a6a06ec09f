import CPCRE2
import SluiceCore

/// A Java regular expression compiled by PCRE2 (with its JIT) over UTF-8 bytes.
///
/// Compile one per call site when the pattern is a literal, or through a `PreparedCache`
/// otherwise. Matching iterates as `java.util.regex.Matcher.find` does: after an empty match the
/// next search starts one character later.
///
/// Compiled PCRE2 code is read-only while matching, so one pattern can be shared by all tasks;
/// each search allocates its own match data.
package final class PCRE2Pattern: @unchecked Sendable {
    /// The pattern as written (Java syntax).
    package let pattern: String
    /// The number of capturing groups.
    package let groupCount: Int
    private let code: OpaquePointer

    /// Compiles a Java pattern.
    ///
    /// - Throws: `RecordError` (`Invalid regular expression pattern: ...`) when PCRE2 rejects it.
    package init(java pattern: String) throws(RecordError) {
        self.pattern = pattern
        let translated = Array(JavaRegexSyntax.translate(pattern).utf8)
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled = translated.withUnsafeBufferPointer { buffer in
            sluice_pcre2_compile(
                buffer.baseAddress, buffer.count, sluice_pcre2_java_options(), &errorCode, &errorOffset)
        }
        guard let compiled else {
            throw RecordError(
                "Invalid regular expression pattern: \(pattern) (\(PCRE2Pattern.message(errorCode)) at offset "
                    + "\(errorOffset))")
        }
        code = compiled
        // A pattern the JIT can't compile still runs in the interpreter.
        _ = sluice_pcre2_jit_compile(compiled)
        groupCount = Int(sluice_pcre2_capture_count(compiled))
    }

    deinit {
        sluice_pcre2_code_free(code)
    }

    static func message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { sluice_pcre2_error_message(code, $0.baseAddress, 256) }
        return length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF8.self) : "error \(code)"
    }

    /// One match: the byte range of each group, `nil` for a group that did not take part.
    package struct Match {
        fileprivate let vector: UnsafeMutablePointer<Int>
        fileprivate let unset: Int

        /// The byte range of group `group` (0 is the whole match).
        package func range(_ group: Int) -> Range<Int>? {
            let start = vector[2 * group]
            return start == unset ? nil : start..<vector[2 * group + 1]
        }
    }

    /// Calls `body` for each match in `subject`, left to right, until it returns false.
    ///
    /// - Throws: `RecordError` when PCRE2 fails (for example, a match limit is hit).
    package func forEachMatch(in subject: UnsafeRawBufferPointer, _ body: (Match) throws(RecordError) -> Bool)
        throws(RecordError)
    {
        guard let data = sluice_pcre2_match_data_create(code) else { throw RecordError("out of memory for a match") }
        defer { sluice_pcre2_match_data_free(data) }
        let match = Match(vector: sluice_pcre2_ovector(data), unset: sluice_pcre2_unset())
        let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        var start = 0
        while start <= subject.count {
            let result = sluice_pcre2_match(code, base, subject.count, start, data)
            if result == -1 { return }  // PCRE2_ERROR_NOMATCH
            guard result >= 0 else {
                throw RecordError("Error matching regular expression \(pattern): \(PCRE2Pattern.message(result))")
            }
            guard try body(match), let whole = match.range(0) else { return }
            start = whole.isEmpty ? PCRE2Pattern.nextCharacter(subject, after: whole.upperBound) : whole.upperBound
        }
    }

    /// The offset of the character after the one at `offset` (one past the end at the end).
    static func nextCharacter(_ subject: UnsafeRawBufferPointer, after offset: Int) -> Int {
        guard offset < subject.count else { return offset + 1 }
        return UTF8Text.decode(subject, at: offset).next
    }

    /// Whether the pattern matches the empty string.
    package func matchesEmptyString() throws(RecordError) -> Bool {
        var matched = false
        try forEachMatch(in: UnsafeRawBufferPointer(start: nil, count: 0)) { _ in
            matched = true
            return false
        }
        return matched
    }

    /// The number of the group called `name`, or `nil` if there is none.
    package func groupNumber(named name: String) -> Int? {
        let number = Array(name.utf8CString).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { sluice_pcre2_group_number(code, $0.baseAddress) }
        }
        return number > 0 ? Int(number) : nil
    }
}

import SluiceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled `LIKE` pattern with ksqlDB's semantics: `%` matches any run of characters and `_`
/// exactly one, the whole value must match, case matters, and the escape character makes the next
/// pattern character literal.
///
/// ksqlDB translates the pattern to a Java regex where `%` is `.*` and `_` is `.`, and Java's `.`
/// does not match line terminators (`\n`, `\r`, U+0085, U+2028, U+2029); neither do they here.
public struct LikePattern: Sendable {
    enum Token: Equatable, Sendable {
        case literal(UInt32)
        case one
        case many
    }

    enum Shape: Sendable {
        case exact
        case prefix
        case suffix
        case contains
        case general
    }

    let tokens: [Token]
    let shape: Shape
    /// The literal text of the exact, prefix, suffix and contains shapes.
    let literal: [UInt8]
    let manyMask: UInt64

    /// Compiles `pattern`.
    ///
    /// - Throws: `RecordError` "LIKE pattern must not end with escape character".
    public init(_ pattern: String, escape: Character? = nil) throws(RecordError) {
        let escapeScalar = escape?.unicodeScalars.first.map { UInt32($0.value) }
        try self.init(scalars: pattern.unicodeScalars.map { UInt32($0.value) }, escape: escapeScalar)
    }

    /// Compiles a pattern held as UTF-8 bytes.
    public init(_ pattern: ByteString, escape: Character? = nil) throws(RecordError) {
        var scalars: [UInt32] = []
        pattern.withBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let (scalar, next) = UTF8Text.decode(bytes, at: offset)
                scalars.append(scalar)
                offset = next
            }
        }
        try self.init(scalars: scalars, escape: escape?.unicodeScalars.first.map { UInt32($0.value) })
    }

    init(scalars: [UInt32], escape: UInt32?) throws(RecordError) {
        var tokens: [Token] = []
        var escaped = false
        for scalar in scalars {
            if escaped {
                tokens.append(.literal(scalar))
                escaped = false
            } else if scalar == escape {
                escaped = true
            } else if scalar == 0x25 {
                tokens.append(.many)
            } else if scalar == 0x5F {
                tokens.append(.one)
            } else {
                tokens.append(.literal(scalar))
            }
        }
        if escaped { throw RecordError("LIKE pattern must not end with escape character") }
        self.tokens = tokens
        (self.shape, self.literal) = LikePattern.shape(of: tokens)
        var mask: UInt64 = 0
        for (index, token) in tokens.enumerated() where token == .many && index < 64 { mask |= 1 << UInt64(index) }
        self.manyMask = mask
    }

    static func shape(of tokens: [Token]) -> (Shape, [UInt8]) {
        let leading = tokens.first == .many
        let trailing = tokens.count > (leading ? 1 : 0) && tokens.last == .many
        let inner = tokens.dropFirst(leading ? 1 : 0).dropLast(trailing ? 1 : 0)
        var literal: [UInt8] = []
        for token in inner {
            guard case .literal(let scalar) = token else { return (.general, []) }
            UTF8Text.append(scalar, to: &literal)
        }
        switch (leading, trailing) {
        case (false, false): return (.exact, literal)
        case (false, true): return (.prefix, literal)
        case (true, false): return (.suffix, literal)
        case (true, true): return (.contains, literal)
        }
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: ByteString) -> Bool {
        text.withBytes { matches(bytes: $0) }
    }

    /// Whether a STRING value matches; `nil` for NULL (or a value that is not text).
    public func matches(_ value: borrowing Value) -> Bool? {
        switch value {
        case .string(let text), .bytes(let text): text.withBytes { matches(bytes: $0) }
        default: nil
        }
    }

    func matches(bytes: UnsafeRawBufferPointer) -> Bool {
        switch shape {
        case .exact:
            return bytes.count == literal.count && LikePattern.equal(bytes, 0, literal)
        case .prefix:
            return bytes.count >= literal.count && LikePattern.equal(bytes, 0, literal)
                && !LikePattern.hasLineTerminator(bytes, from: literal.count, to: bytes.count)
        case .suffix:
            let start = bytes.count - literal.count
            return start >= 0 && LikePattern.equal(bytes, start, literal)
                && !LikePattern.hasLineTerminator(bytes, from: 0, to: start)
        case .contains:
            guard let at = LikePattern.firstIndex(of: literal, in: bytes) else { return false }
            // `%` can't cross a line terminator, so there must be none outside the match. The first
            // occurrence is then the only candidate that could work.
            return !LikePattern.hasLineTerminator(bytes, from: 0, to: at)
                && !LikePattern.hasLineTerminator(bytes, from: at + literal.count, to: bytes.count)
        case .general:
            return tokens.count < 64 ? matchesSmall(bytes) : matchesLarge(bytes)
        }
    }

    /// Simulates the pattern as an automaton whose states (pattern positions) fit a bit set.
    func matchesSmall(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let end = UInt64(1) << UInt64(tokens.count)
        var states = closure(1)
        var offset = 0
        while offset < bytes.count, states != 0 {
            let (scalar, next) = UTF8Text.decode(bytes, at: offset)
            let terminator = LikePattern.isLineTerminator(scalar)
            var following: UInt64 = 0
            var remaining = states & (end - 1)
            while remaining != 0 {
                let index = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                switch tokens[index] {
                case .literal(let expected): if expected == scalar { following |= 1 << UInt64(index + 1) }
                case .one: if !terminator { following |= 1 << UInt64(index + 1) }
                case .many: if !terminator { following |= 1 << UInt64(index) }
                }
            }
            states = closure(following)
            offset = next
        }
        return states & end != 0
    }

    /// Adds the states reachable by letting `%` match nothing.
    func closure(_ states: UInt64) -> UInt64 {
        var current = states
        while true {
            let next = current | ((current & manyMask) << 1)
            if next == current { return current }
            current = next
        }
    }

    /// The same automaton for patterns of 64 tokens or more.
    func matchesLarge(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var states = [Bool](repeating: false, count: tokens.count + 1)
        states[0] = true
        closeLarge(&states)
        var offset = 0
        while offset < bytes.count {
            let (scalar, next) = UTF8Text.decode(bytes, at: offset)
            let terminator = LikePattern.isLineTerminator(scalar)
            var following = [Bool](repeating: false, count: tokens.count + 1)
            for index in 0..<tokens.count where states[index] {
                switch tokens[index] {
                case .literal(let expected): if expected == scalar { following[index + 1] = true }
                case .one: if !terminator { following[index + 1] = true }
                case .many: if !terminator { following[index] = true }
                }
            }
            closeLarge(&following)
            states = following
            offset = next
        }
        return states[tokens.count]
    }

    func closeLarge(_ states: inout [Bool]) {
        for index in 0..<tokens.count where states[index] && tokens[index] == .many { states[index + 1] = true }
    }

    static func isLineTerminator(_ scalar: UInt32) -> Bool {
        scalar == 0x0A || scalar == 0x0D || scalar == 0x85 || scalar == 0x2028 || scalar == 0x2029
    }

    static func hasLineTerminator(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        var index = start
        while index < end {
            switch bytes[index] {
            case 0x0A, 0x0D: return true
            case 0xC2: if index + 1 < end, bytes[index + 1] == 0x85 { return true }
            case 0xE2:
                if index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    return true
                }
            default: break
            }
            index += 1
        }
        return false
    }

    static func equal(_ bytes: UnsafeRawBufferPointer, _ at: Int, _ literal: [UInt8]) -> Bool {
        if literal.isEmpty { return true }
        return literal.withUnsafeBytes { memcmp(bytes.baseAddress! + at, $0.baseAddress!, $0.count) == 0 }
    }

    static func firstIndex(of literal: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        if literal.isEmpty { return 0 }
        guard bytes.count >= literal.count else { return nil }
        let first = literal[0]
        for start in 0...(bytes.count - literal.count) where bytes[start] == first && equal(bytes, start, literal) {
            return start
        }
        return nil
    }
}

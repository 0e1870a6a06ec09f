import SluiceCore

/// Splits SQL text into tokens, following ksqlDB's lexer rules (`SqlBase.g4`).
///
/// The lexer works on UTF-8 bytes and never builds a `String`: a token is a kind and two offsets,
/// and keywords are recognized from their letters packed into an integer (``KeywordTable``).
/// Whitespace and comments (`-- line`, `/* block */`, `--@directive` lines) produce no tokens; their
/// ranges can be collected for tools that keep comments. Bad input yields error tokens
/// (``TokenKind/invalidCharacter``, ``TokenKind/unterminatedString``, ...) that the parser reports.
/// The token list always ends with one ``TokenKind/endOfInput`` token.
public struct Lexer {
    /// The tokens of `text`.
    public static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var comments: [SourceRange] = []
        var copy = text
        copy.withUTF8 { tokenize($0, into: &tokens, comments: &comments, recordComments: false) }
        return tokens
    }

    /// Appends the tokens of `bytes` to `tokens` (offsets relative to `bytes`), and the ranges of
    /// comments to `comments` when `recordComments` is set.
    public static func tokenize(
        _ bytes: UnsafeBufferPointer<UInt8>,
        into tokens: inout [Token],
        comments: inout [SourceRange],
        recordComments: Bool
    ) {
        tokens.reserveCapacity(tokens.count + bytes.count / 5 + 1)
        CharacterClass.table.withUnsafeBufferPointer { classes in
            KeywordTable.slots.withUnsafeBufferPointer { keywords in
                var lexer = Lexer(bytes: bytes, classes: classes, keywords: keywords)
                lexer.run(into: &tokens, comments: &comments, recordComments: recordComments)
            }
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let classes: UnsafeBufferPointer<UInt8>
    let keywords: UnsafeBufferPointer<(key: UInt64, keyword: UInt8)>

    @inline(__always)
    func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    @inline(__always)
    func hasClass(_ flag: UInt8, at index: Int) -> Bool {
        index < bytes.count && classes[Int(bytes[index])] & flag != 0
    }

    private mutating func run(into tokens: inout [Token], comments: inout [SourceRange], recordComments: Bool) {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            let flags = classes[Int(byte)]
            if flags & CharacterClass.whitespace != 0 {
                index += 1
                continue
            }
            let start = index
            if flags & CharacterClass.identifierStart != 0 {
                tokens.append(scanWord(from: start, end: &index))
                continue
            }
            if flags & CharacterClass.digit != 0 {
                tokens.append(scanNumber(from: start, end: &index))
                continue
            }
            switch byte {
            case UInt8(ascii: "'"):
                index = scanQuoted(from: start, quote: byte)
                let kind: TokenKind = index < 0 ? .unterminatedString : .string
                if index < 0 { index = count }
                tokens.append(Token(kind, start: start, end: index))
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                index = scanQuoted(from: start, quote: byte)
                let kind: TokenKind =
                    index < 0
                    ? .unterminatedIdentifier : byte == UInt8(ascii: "`") ? .backquotedIdentifier : .quotedIdentifier
                if index < 0 { index = count }
                tokens.append(Token(kind, start: start, end: index))
            case UInt8(ascii: "-") where self.byte(at: start + 1) == UInt8(ascii: "-"):
                index = start + 2
                while index < count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
                if recordComments { comments.append(SourceRange(start: start, end: index)) }
            case UInt8(ascii: "/") where self.byte(at: start + 1) == UInt8(ascii: "*"):
                index = start + 2
                while index + 1 < count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                    index += 1
                }
                if index + 1 < count {
                    index += 2
                    if recordComments { comments.append(SourceRange(start: start, end: index)) }
                } else {
                    index = count
                    tokens.append(Token(.unterminatedComment, start: start, end: count))
                }
            case UInt8(ascii: ".") where hasClass(CharacterClass.digit, at: start + 1):
                tokens.append(scanNumber(from: start, end: &index))
            case UInt8(ascii: "$"):
                index = scanVariable(from: start)
                tokens.append(Token(index > start + 1 ? .variable : .invalidCharacter, start: start, end: index))
            case 0x80...0xFF:
                if let (scalar, _) = CharacterClass.decodeScalar(bytes, at: start),
                    CharacterClass.isIdentifierStart(scalar)
                {
                    tokens.append(scanWord(from: start, end: &index))
                } else {
                    index = start + max(1, CharacterClass.decodeScalar(bytes, at: start)?.length ?? 1)
                    tokens.append(Token(.invalidCharacter, start: start, end: index))
                }
            default:
                let (kind, length) = punctuation(byte, next: self.byte(at: start + 1))
                index = start + length
                tokens.append(Token(kind, start: start, end: index))
            }
        }
        tokens.append(Token(.endOfInput, start: count, end: count))
    }

    /// The operator or punctuation starting with `byte`, and its length in bytes.
    @inline(__always)
    private func punctuation(_ byte: UInt8, next: UInt8) -> (TokenKind, Int) {
        switch byte {
        case UInt8(ascii: "("): return (.leftParen, 1)
        case UInt8(ascii: ")"): return (.rightParen, 1)
        case UInt8(ascii: ","): return (.comma, 1)
        case UInt8(ascii: ";"): return (.semicolon, 1)
        case UInt8(ascii: "."): return (.dot, 1)
        case UInt8(ascii: "["): return (.leftBracket, 1)
        case UInt8(ascii: "]"): return (.rightBracket, 1)
        case UInt8(ascii: "*"): return (.star, 1)
        case UInt8(ascii: "/"): return (.slash, 1)
        case UInt8(ascii: "%"): return (.percent, 1)
        case UInt8(ascii: "+"): return (.plus, 1)
        case UInt8(ascii: "-"): return next == UInt8(ascii: ">") ? (.arrow, 2) : (.minus, 1)
        case UInt8(ascii: "="): return next == UInt8(ascii: ">") ? (.lambdaArrow, 2) : (.equal, 1)
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") { return (.lessOrEqual, 2) }
            if next == UInt8(ascii: ">") { return (.notEqual, 2) }
            return (.less, 1)
        case UInt8(ascii: ">"): return next == UInt8(ascii: "=") ? (.greaterOrEqual, 2) : (.greater, 1)
        case UInt8(ascii: "!"): return next == UInt8(ascii: "=") ? (.notEqual, 2) : (.invalidCharacter, 1)
        case UInt8(ascii: "|"): return next == UInt8(ascii: "|") ? (.concat, 2) : (.invalidCharacter, 1)
        case UInt8(ascii: ":"): return next == UInt8(ascii: "=") ? (.assign, 2) : (.invalidCharacter, 1)
        default: return (.invalidCharacter, 1)
        }
    }

    /// Scans an identifier or keyword: `(letter | '_') (letter | digit | '_' | '@')*`, where a letter
    /// may also be a non-ASCII letter.
    @inline(__always)
    private func scanWord(from start: Int, end: inout Int) -> Token {
        let count = bytes.count
        var index = start
        var packed: UInt64 = 0
        var onlyLetters = true
        while index < count {
            let byte = bytes[index]
            let flags = classes[Int(byte)]
            if flags & CharacterClass.identifierPart != 0 {
                if flags & CharacterClass.letter == 0 { onlyLetters = false }
                packed = (packed << 5) | UInt64(byte & 0x1F)
                index += 1
            } else if byte >= 0x80, let (scalar, length) = CharacterClass.decodeScalar(bytes, at: index),
                index == start ? CharacterClass.isIdentifierStart(scalar) : CharacterClass.isIdentifierPart(scalar)
            {
                onlyLetters = false
                index += length
            } else {
                break
            }
        }
        end = index
        let length = index - start
        if onlyLetters, length >= 2, length <= 12, let keyword = KeywordTable.lookup(packed, in: keywords) {
            return Token(.keyword, keyword: keyword, start: start, end: index)
        }
        return Token(.identifier, start: start, end: index)
    }

    /// Scans `DIGIT+`, `DIGIT+ '.' DIGIT*`, `'.' DIGIT+`, each with an optional exponent, or a
    /// digit identifier (`1abc`). As in ANTLR, the longest match wins, and a number wins a tie.
    private func scanNumber(from start: Int, end: inout Int) -> Token {
        let count = bytes.count
        var index = start
        while index < count, classes[Int(bytes[index])] & CharacterClass.digit != 0 { index += 1 }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, classes[Int(bytes[index])] & CharacterClass.digit != 0 { index += 1 }
            if let exponentEnd = exponentEnd(at: index) {
                end = exponentEnd
                return Token(.double, start: start, end: exponentEnd)
            }
            end = index
            return Token(.decimal, start: start, end: index)
        }
        let digitsEnd = index
        var wordEnd = digitsEnd
        while wordEnd < count {
            let byte = bytes[wordEnd]
            if classes[Int(byte)] & CharacterClass.identifierPart != 0 {
                wordEnd += 1
            } else if byte >= 0x80, let (scalar, length) = CharacterClass.decodeScalar(bytes, at: wordEnd),
                CharacterClass.isIdentifierPart(scalar)
            {
                wordEnd += length
            } else {
                break
            }
        }
        if let exponentEnd = exponentEnd(at: digitsEnd), exponentEnd >= wordEnd {
            end = exponentEnd
            return Token(.double, start: start, end: exponentEnd)
        }
        end = wordEnd
        return Token(wordEnd > digitsEnd ? .digitIdentifier : .integer, start: start, end: wordEnd)
    }

    /// The end of an exponent `[eE][+-]?DIGIT+` starting at `index`, if there is one.
    @inline(__always)
    private func exponentEnd(at index: Int) -> Int? {
        guard byte(at: index) | 0x20 == UInt8(ascii: "e") else { return nil }
        var next = index + 1
        if byte(at: next) == UInt8(ascii: "+") || byte(at: next) == UInt8(ascii: "-") { next += 1 }
        guard hasClass(CharacterClass.digit, at: next) else { return nil }
        while hasClass(CharacterClass.digit, at: next) { next += 1 }
        return next
    }

    /// Scans a quoted token where a doubled quote stands for itself; returns its end, or -1 when the
    /// input ends first.
    private func scanQuoted(from start: Int, quote: UInt8) -> Int {
        let count = bytes.count
        var index = start + 1
        while index < count {
            if bytes[index] == quote {
                if index + 1 < count, bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return -1
    }

    /// Scans `${name}` where name is `(letter | '_') (letter | digit | '_' | '@')*`; returns its end,
    /// or `start + 1` when the `$` starts no variable.
    private func scanVariable(from start: Int) -> Int {
        guard byte(at: start + 1) == UInt8(ascii: "{"), hasClass(CharacterClass.identifierStart, at: start + 2) else {
            return start + 1
        }
        var index = start + 3
        while hasClass(CharacterClass.identifierPart, at: index) { index += 1 }
        return byte(at: index) == UInt8(ascii: "}") ? index + 1 : start + 1
    }
}

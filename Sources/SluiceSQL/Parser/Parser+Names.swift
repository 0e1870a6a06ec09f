import SluiceCore

extension Parser {
    /// Parses `identifier` (Grammar/sluice.ebnf): a plain, quoted, backquoted or digit identifier,
    /// a non-reserved keyword, or a `${variable}` reference.
    @inline(never)
    mutating func parseIdentifier(_ what: String = "identifier") throws(Diagnostic) -> Identifier {
        let token = current
        guard token.canBeIdentifier else { throw expected(what, found: token) }
        advance()
        return identifier(from: token)
    }

    /// The identifier a token stands for (the token must satisfy `canBeIdentifier`).
    func identifier(from token: Token) -> Identifier {
        let range = token.range
        switch token.kind {
        case .keyword:
            return Identifier(token.keyword?.text ?? "", range: range)
        case .quotedIdentifier, .backquotedIdentifier:
            return Identifier(unquoted(token), isQuoted: true, range: range)
        case .variable:
            return Identifier(variableName(token), isVariableReference: true, range: range)
        default:
            let value = text.bytes(token.text).withUnsafeBufferPointer { Identifier.normalize($0) }
            return Identifier(value, range: range)
        }
    }

    /// The name inside `${name}`.
    func variableName(_ token: Token) -> String {
        String(decoding: text.bytes(token.text).dropFirst(2).dropLast(), as: UTF8.self)
    }

    /// The content of a quoted token with its doubled quotes undoubled: `'it''s'` is `it's`.
    func unquoted(_ token: Token) -> String {
        let bytes = text.bytes(token.text)
        guard bytes.count >= 2, let quote = bytes.first else { return "" }
        return Parser.unquoted(bytes.dropFirst().dropLast(), quote: quote)
    }

    /// `inner` with each doubled `quote` undoubled.
    static func unquoted(_ inner: ArraySlice<UInt8>, quote: UInt8) -> String {
        guard inner.contains(quote) else { return String(decoding: inner, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(inner.count)
        var skipNext = false
        for byte in inner {
            if skipNext {
                skipNext = false
                continue
            }
            bytes.append(byte)
            if byte == quote { skipNext = true }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `string` (Grammar/sluice.ebnf): a string literal token.
    mutating func parseString(_ what: String = "string") throws(Diagnostic) -> String {
        guard (current.kind == .string) else { throw expected(what, found: current) }
        return unquoted(advance())
    }

    /// Parses `resource_name` (Grammar/sluice.ebnf): an identifier or a string.
    mutating func parseResourceName(_ what: String) throws(Diagnostic) -> ResourceName {
        if (current.kind == .string) { return .string(unquoted(advance())) }
        guard current.canBeIdentifier else { throw expected(what, found: current) }
        return .identifier(try parseIdentifier(what))
    }

    /// Parses `source_name` (Grammar/sluice.ebnf): the name of a stream or table.
    mutating func parseSourceName() throws(Diagnostic) -> Identifier {
        try parseIdentifier("stream or table name")
    }

    /// Parses `column_list` (Grammar/sluice.ebnf): `( identifier, ... )`.
    mutating func parseColumnList() throws(Diagnostic) -> [Identifier] {
        try expect(.leftParen, "'('")
        var columns = [try parseIdentifier("column name")]
        while consume(.comma) != nil { columns.append(try parseIdentifier("column name")) }
        try expect(.rightParen, "',' or ')'")
        return columns
    }

    /// Whether the current token is `IF` followed by `word` (`IF EXISTS`, `IF NOT EXISTS`). `IF` is
    /// non-reserved, so `DROP STREAM if` drops a stream named IF.
    func atIf(followedBy word: Keyword) -> Bool {
        at(.if) && peek().isKeyword(word)
    }

    /// Parses `if_not_exists` (Grammar/sluice.ebnf) when present.
    mutating func parseIfNotExists() throws(Diagnostic) -> Bool {
        guard atIf(followedBy: .not) else { return false }
        advance()
        advance()
        try expect(.exists)
        return true
    }

    /// Parses `if_exists` (Grammar/sluice.ebnf) when present.
    mutating func parseIfExists() -> Bool {
        guard atIf(followedBy: .exists) else { return false }
        advance()
        advance()
        return true
    }
}

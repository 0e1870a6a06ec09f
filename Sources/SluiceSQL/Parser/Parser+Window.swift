import SluiceCore

extension Parser {
    /// Parses `window_clause` (Grammar/sluice.ebnf):
    /// `WINDOW [name] (tumbling_window | hopping_window | session_window)`.
    mutating func parseWindowClause() throws(Diagnostic) -> WindowSpec {
        let start = Int(try expect(.window).sourceStart)
        // ksqlDB accepts a plain identifier as a window name (`WINDOW w TUMBLING (...)`); keywords
        // are never names here, so `WINDOW SESSION (...)` is a session window.
        var name: Identifier?
        if at(.identifier) { name = try parseIdentifier() }
        let kindToken = current
        let kindStart = Int(kindToken.sourceStart)
        let kind: WindowSpec.Kind
        switch kindToken.keyword {
        case .tumbling? where kindToken.kind == .keyword:
            advance()
            try expect(.leftParen, "'(' after TUMBLING")
            try expect(.size)
            kind = .tumbling(size: try parseDuration("window size"))
        case .hopping? where kindToken.kind == .keyword:
            advance()
            try expect(.leftParen, "'(' after HOPPING")
            try expect(.size)
            let size = try parseDuration("window size")
            try expect(.comma, "',' then ADVANCE BY in HOPPING (...)")
            try expect(.advance)
            try expect(.by)
            kind = .hopping(size: size, advance: try parseDuration("window advance"))
        case .session? where kindToken.kind == .keyword:
            advance()
            try expect(.leftParen, "'(' after SESSION")
            kind = .session(gap: try parseDuration("session gap"))
        default:
            throw expected("TUMBLING, HOPPING or SESSION", found: kindToken)
        }
        let construct = "\(kindToken.keyword?.text ?? "") (...)"
        var window = WindowSpec(name: name, kind: kind)
        if consume(.comma) != nil {
            if at(.retention) {
                advance()
                window.retention = try parseDuration("retention")
                if consume(.comma) != nil { window.grace = try parseGraceInWindow("GRACE PERIOD") }
            } else {
                window.grace = try parseGraceInWindow("RETENTION or GRACE PERIOD")
            }
        }
        guard at(.rightParen) else {
            var diagnostic = expected("')' to close \(construct)", found: current)
            diagnostic.notes.append(
                .init("\(kindToken.keyword?.text ?? "") window began", range: SourceRange(at: kindStart))
            )
            throw diagnostic
        }
        advance()
        window.range = range(from: start)
        return window
    }

    private mutating func parseGraceInWindow(_ what: String) throws(Diagnostic) -> DurationSyntax {
        guard at(.grace) else { throw expected(what, found: current) }
        return try parseGracePeriod()
    }
}

import SluiceCore

extension Parser {
    /// Parses `literal` (Grammar/sluice.ebnf): NULL, a number (optionally negative), TRUE, FALSE,
    /// a string or a `${variable}`.
    mutating func parseLiteral(_ what: String = "literal") throws(Diagnostic) -> Literal {
        let token = current
        switch token.kind {
        case .string:
            advance()
            return .string(unquoted(token))
        case .variable:
            advance()
            return .variable(variableName(token))
        case .integer, .decimal, .double:
            advance()
            return try numberLiteral(token, negative: false)
        case .minus where peek().isNumber:
            advance()
            return try numberLiteral(advance(), negative: true)
        case .keyword where token.keyword == .null:
            advance()
            return .null
        case .keyword where token.keyword == .true || token.keyword == .false:
            advance()
            return .boolean(token.keyword == .true)
        default:
            throw expected(what, found: token)
        }
    }

    /// The literal a number token stands for.
    func numberLiteral(_ token: Token, negative: Bool) throws(Diagnostic) -> Literal {
        let digits = text.bytes(token.text)
        switch token.kind {
        case .integer:
            guard let value = integerValue(digits, negative: negative) else {
                throw expected("an integer within BIGINT range", found: token)
            }
            return .integer(value)
        case .decimal:
            return .decimal(normalizedDecimal(digits, negative: negative))
        default:
            let written = String(decoding: digits, as: UTF8.self)
            guard let value = Double(written), value.isFinite else {
                throw expected("a number within DOUBLE range", found: token)
            }
            return .double(negative ? -value : value)
        }
    }

    /// Parses `number` (Grammar/sluice.ebnf) where only an integer makes sense (LIMIT, window
    /// sizes, DECIMAL precision): `[-] INTEGER_VALUE`.
    mutating func parseInteger(_ what: String = "integer") throws(Diagnostic) -> Int64 {
        let negative = at(.minus) && peek().isNumber
        if negative { advance() }
        let token = current
        guard token.kind == .integer else { throw expected(what, found: token) }
        advance()
        guard let value = integerValue(text.bytes(token.text), negative: negative) else {
            throw expected("an integer within BIGINT range", found: token)
        }
        return value
    }

    private func integerValue(_ digits: ArraySlice<UInt8>, negative: Bool) -> Int64? {
        // Accumulate negatively so that -9223372036854775808 fits.
        var value: Int64 = 0
        for byte in digits {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(Int64(byte - 0x30))
            if overflow1 || overflow2 { return nil }
            value = next
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// `007.50` is `7.50`, `.5` is `0.5`, `-1.` is `-1.`: no leading zeros, every fraction digit kept.
    private func normalizedDecimal(_ digits: ArraySlice<UInt8>, negative: Bool) -> String {
        var integerPart = digits.prefix { $0 != UInt8(ascii: ".") }.drop { $0 == UInt8(ascii: "0") }
        if integerPart.isEmpty { integerPart = [UInt8(ascii: "0")][...] }
        let fraction = digits.drop { $0 != UInt8(ascii: ".") }
        var result = negative ? "-" : ""
        result += String(decoding: integerPart, as: UTF8.self)
        result += String(decoding: fraction, as: UTF8.self)
        return result
    }

    /// Parses `duration` (Grammar/sluice.ebnf): `number time_unit`.
    mutating func parseDuration(_ what: String = "duration") throws(Diagnostic) -> DurationSyntax {
        let start = Int(current.sourceStart)
        guard current.isNumber || (at(.minus) && peek().isNumber) else {
            throw expected("\(what) (a number and a time unit)", found: current)
        }
        let value = try parseInteger("whole number of time units")
        let unit = try parseTimeUnit()
        return DurationSyntax(value, unit, range: range(from: start))
    }

    /// Parses `time_unit` (Grammar/sluice.ebnf): MILLISECOND(S), SECOND(S), MINUTE(S), HOUR(S), DAY(S).
    mutating func parseTimeUnit() throws(Diagnostic) -> TimeUnit {
        guard let keyword = current.keyword, current.kind == .keyword, let unit = TimeUnit(keyword: keyword) else {
            throw expected("time unit (MILLISECONDS, SECONDS, MINUTES, HOURS or DAYS)", found: current)
        }
        advance()
        return unit
    }
}

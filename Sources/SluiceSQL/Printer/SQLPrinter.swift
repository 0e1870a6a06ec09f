/// Prints any AST as canonical SQL that parses back to an equal AST.
///
/// Canonical means: keywords in upper case, one space between tokens, identifiers unquoted when
/// they re-parse to the same name (upper case, not a reserved keyword) and backquoted otherwise,
/// string literals with `''` escapes, the minimum of parentheses, and `AS` before every alias. A
/// statement prints on one line without its `;`.
public enum SQLPrinter {
    /// A statement as canonical SQL (without `;`).
    public static func print(_ statement: Statement) -> String {
        var writer = SQLWriter()
        writer.write(statement)
        return writer.output
    }

    /// An expression as canonical SQL.
    public static func print(_ expr: Expr) -> String {
        var writer = SQLWriter()
        writer.write(expr, minimum: .or)
        return writer.output
    }

    /// A type as canonical SQL (`MAP<STRING, ARRAY<INTEGER>>`).
    public static func print(_ type: TypeSyntax) -> String {
        var writer = SQLWriter()
        writer.write(type)
        return writer.output
    }

    /// A literal as canonical SQL (`'it''s'`, `1.50`, `1.5E0`, `NULL`).
    public static func print(_ literal: Literal) -> String {
        switch literal {
        case .null: "NULL"
        case .boolean(let value): value ? "TRUE" : "FALSE"
        case .integer(let value): String(value)
        case .decimal(let text): text
        case .double(let value): doubleLiteral(value)
        case .string(let text): stringLiteral(text)
        case .variable(let name): "${\(name)}"
        }
    }

    /// `text` as a string literal: `it's` is `'it''s'`.
    public static func stringLiteral(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }

    /// A DOUBLE literal: always with an exponent, so it reads back as a DOUBLE, not a DECIMAL.
    static func doubleLiteral(_ value: Double) -> String {
        let text = value.description
        if let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            return text[..<exponent] + "E" + text[text.index(after: exponent)...]
        }
        return text + "E0"
    }

    /// An identifier as canonical SQL: `${name}` for a variable reference, unquoted when that reads
    /// back as the same name, backquoted otherwise.
    public static func identifier(_ identifier: Identifier) -> String {
        if identifier.isVariableReference { return "${\(identifier.value)}" }
        return name(identifier.value)
    }

    /// A name as canonical SQL: unquoted when that reads back as the same name, backquoted otherwise.
    public static func name(_ value: String) -> String {
        needsQuotes(value) ? quoted(value) : value
    }

    /// `value` in backquotes, with backquotes inside doubled.
    public static func quoted(_ value: String) -> String {
        "`" + value.replacingAll("`", with: "``") + "`"
    }

    /// Whether `value` must be quoted to read back as itself.
    static func needsQuotes(_ value: String) -> Bool {
        guard let first = value.utf8.first else { return true }
        var hasNonASCII = false
        for byte in value.utf8 {
            if byte >= 0x80 {
                hasNonASCII = true
                continue
            }
            let allowed =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "@")
            if !allowed { return true }
        }
        // A leading digit would read as a number or a digit identifier; quoting is simpler.
        if (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "@") { return true }
        if hasNonASCII {
            // Read it back as the lexer and Identifier.normalize would.
            guard Identifier.normalize(value) == value else { return true }
            let tokens = Lexer.tokenize(value)
            return !(tokens.count == 2 && tokens[0].kind == .identifier && tokens[0].text == 0..<value.utf8.count)
        }
        if let keyword = KeywordTable.keyword(value), keyword.isReserved { return true }
        return false
    }

    /// How tightly an expression's top operator binds; an operand printed where a tighter level is
    /// required gets parentheses.
    public enum Precedence: Int, Comparable, Sendable {
        case or = 1, and, not, predicate, concat, additive, multiplicative, unary, atTimeZone, primary

        public static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The precedence of `expr`'s top operator.
    public static func precedence(of expr: Expr) -> Precedence {
        switch expr.kind {
        case .or, .lambda: .or
        case .and: .and
        case .not: .not
        case .comparison, .between, .inList, .like, .isNull, .isDistinctFrom: .predicate
        case .concat: .concat
        case .arithmetic(let op, _, _): op == .add || op == .subtract ? .additive : .multiplicative
        case .unary: .unary
        case .atTimeZone: .atTimeZone
        default: .primary
        }
    }
}

extension String {
    /// The string with every `target` scalar replaced (without Foundation).
    ///
    /// Works on Unicode scalars, not Characters: a quote followed by a combining mark is one
    /// Character (`'\u{05B7}`) but still a quote to the lexer, and must be doubled.
    func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        guard unicodeScalars.contains(target) else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == target {
                result.append(contentsOf: replacement.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}

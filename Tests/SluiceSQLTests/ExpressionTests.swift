import SluiceCore
import SluiceSQL
import Testing

/// The expression with every operator application in parentheses, to show how it was grouped.
func grouped(_ expr: Expr) -> String {
    switch expr.kind {
    case .unary(let op, let value): return "(\(op.rawValue)\(grouped(value)))"
    case .arithmetic(let op, let lhs, let rhs): return "(\(grouped(lhs)) \(op.rawValue) \(grouped(rhs)))"
    case .concat(let lhs, let rhs): return "(\(grouped(lhs)) || \(grouped(rhs)))"
    case .comparison(let op, let lhs, let rhs): return "(\(grouped(lhs)) \(op.rawValue) \(grouped(rhs)))"
    case .and(let operands): return "(" + operands.map(grouped).joined(separator: " AND ") + ")"
    case .or(let operands): return "(" + operands.map(grouped).joined(separator: " OR ") + ")"
    case .not(let value): return "(NOT \(grouped(value)))"
    case .between(let value, let lower, let upper, let negated):
        return "(\(grouped(value)) \(negated ? "NOT " : "")BETWEEN \(grouped(lower)) AND \(grouped(upper)))"
    case .isNull(let value, let negated): return "(\(grouped(value)) IS \(negated ? "NOT " : "")NULL)"
    case .atTimeZone(let value, let zone): return "(\(grouped(value)) AT TIME ZONE '\(zone)')"
    case .subscript(let base, let index): return "(\(grouped(base))[\(grouped(index))])"
    case .dereference(let base, let field): return "(\(grouped(base))->\(field.value))"
    default: return SQLPrinter.print(expr)
    }
}

@Suite struct ExpressionTests {
    private func parse(_ text: String) throws -> Expr {
        try Parser.parseExpression(text)
    }

    @Test(arguments: [
        ("a OR b AND c", "(A OR (B AND C))"),
        ("a AND b OR c", "((A AND B) OR C)"),
        ("NOT a AND b", "((NOT A) AND B)"),
        ("NOT a = b", "(NOT (A = B))"),
        ("NOT NOT a", "(NOT (NOT A))"),
        ("a = b AND c < d", "((A = B) AND (C < D))"),
        ("a || b + c", "(A || (B + C))"),
        ("a + b || c", "((A + B) || C)"),
        ("a - b - c", "((A - B) - C)"),
        ("a + b * c % d", "(A + ((B * C) % D))"),
        ("-a * b", "((-A) * B)"),
        ("- a[1]->x", "(-((A[1])->X))"),
        ("-a AT TIME ZONE 'UTC'", "(-(A AT TIME ZONE 'UTC'))"),
        ("a BETWEEN 1 AND 2 AND c", "((A BETWEEN 1 AND 2) AND C)"),
        ("a NOT BETWEEN b + 1 AND c", "(A NOT BETWEEN (B + 1) AND C)"),
        ("a IS NULL OR b IS NOT NULL", "((A IS NULL) OR (B IS NOT NULL))"),
        ("x + 1 = y * 2", "((X + 1) = (Y * 2))"),
        ("(a = b) = c", "((A = B) = C)"),
    ])
    func operatorsBindAsInKsqlDB(input: String, expected: String) throws {
        #expect(grouped(try parse(input)) == expected)
    }

    @Test func aMinusBeforeANumberIsPartOfTheLiteral() throws {
        #expect(try parse("-5").kind == .literal(.integer(-5)))
        #expect(try parse("-9223372036854775808").kind == .literal(.integer(.min)))
        #expect(try parse("- 1.50").kind == .literal(.decimal("-1.50")))
        #expect(try parse("-x") == Expr(.unary(.minus, Expr(.column(Identifier("X"))))))
        #expect(try parse("-(5)") == Expr(.unary(.minus, Expr(.literal(.integer(5))))))
    }

    @Test func literalsOfEveryKind() throws {
        #expect(try parse("NULL").kind == .literal(.null))
        #expect(try parse("true").kind == .literal(.boolean(true)))
        #expect(try parse("'it''s'").kind == .literal(.string("it's")))
        #expect(try parse(".5").kind == .literal(.decimal("0.5")))
        #expect(try parse("007.50").kind == .literal(.decimal("7.50")))
        #expect(try parse("1.5E0").kind == .literal(.double(1.5)))
        #expect(try parse("2147483648").kind == .literal(.integer(2_147_483_648)))
        #expect(try parse("${limit}").kind == .literal(.variable("limit")))
        #expect(
            try parse("TIMESTAMP '2024-01-01'").kind
                == .typedLiteral(type: Identifier("TIMESTAMP"), value: "2024-01-01")
        )
    }

    @Test func outOfRangeNumbersAreDiagnosed() {
        #expect(throws: Diagnostic.self) { try Parser.parseExpression("9223372036854775808") }
        #expect(throws: Diagnostic.self) { try Parser.parseExpression("1E999") }
    }

    @Test func constructorsCallsAndLambdas() throws {
        #expect(SQLPrinter.print(try parse("array[1, 2]")) == "ARRAY[1, 2]")
        #expect(SQLPrinter.print(try parse("map('a' := 1)")) == "MAP('a' := 1)")
        #expect(SQLPrinter.print(try parse("struct(f := 1, g := 'x')")) == "STRUCT(F := 1, G := 'x')")
        #expect(SQLPrinter.print(try parse("count(*)")) == "COUNT(*)")
        #expect(SQLPrinter.print(try parse("reduce(xs, 0, (s, x) => s + x)")) == "REDUCE(XS, 0, (S, X) => S + X)")
        #expect(SQLPrinter.print(try parse("dateadd(days, 1, d)")) == "DATEADD(DAYS, 1, D)")
        #expect(
            try parse("dateadd(days, 1, d)")
                == Expr(
                    .functionCall(
                        name: Identifier("DATEADD"),
                        arguments: [
                            Expr(.timeUnit(.days)), Expr(.literal(.integer(1))), Expr(.column(Identifier("D"))),
                        ]
                    )
                )
        )
        // MAP(...) without `:=` and STRUCT(...) without `name :=` are calls.
        #expect(
            try parse("map(x)").kind
                == .functionCall(name: Identifier("MAP"), arguments: [Expr(.column(Identifier("X")))])
        )
        #expect(SQLPrinter.print(try parse("map(x)")) == "`MAP`(X)")
        #expect(throws: Diagnostic.self) { try Parser.parseExpression("f(x => x)") }
        #expect(throws: Diagnostic.self) { try Parser.parseExpression("f(a, x => x, 1)") }
    }

    @Test func caseCastAndPredicates() throws {
        #expect(
            SQLPrinter.print(try parse("case x when 1 then 'a' else 'b' end")) == "CASE X WHEN 1 THEN 'a' ELSE 'b' END"
        )
        #expect(SQLPrinter.print(try parse("case when x > 1 then 'a' end")) == "CASE WHEN X > 1 THEN 'a' END")
        #expect(SQLPrinter.print(try parse("cast(x as decimal(4, 2))")) == "CAST(X AS DECIMAL(4, 2))")
        #expect(SQLPrinter.print(try parse("x not in (1, 2)")) == "X NOT IN (1, 2)")
        #expect(SQLPrinter.print(try parse("x not like 'a!%' escape '!'")) == "X NOT LIKE 'a!%' ESCAPE '!'")
        #expect(SQLPrinter.print(try parse("x is not distinct from y")) == "X IS NOT DISTINCT FROM Y")
        #expect(SQLPrinter.print(try parse("t.c")) == "T.C")
    }

    @Test(arguments: ["a = b = c", "a = NOT b", "a IS NULL IS NULL", "a BETWEEN 1", "x IN ()", "CASE END", "f(,)"])
    func malformedExpressionsAreRejected(input: String) {
        #expect(throws: Diagnostic.self) { try Parser.parseExpression(input) }
    }

    @Test(arguments: [
        "-(-x)", "-(5)", "- -5", "-(5[1])", "(-5)[1]", "a - -b", "(a OR b) AND c", "a AND (b OR c)", "(a + b)[1]",
        "NOT (a AND b)", "(a = b) IS NULL", "(x AT TIME ZONE 'a') AT TIME ZONE 'b'", "-x AT TIME ZONE 'z'",
        "(-x) AT TIME ZONE 'z'", "a || (b || c)", "a - (b - c)", "a / (b * c)", "x[(a = b)]",
        "CAST((a OR b) AS STRING)",
        // A quote followed by a combining mark is one Character but still a quote (found by fuzzing).
        "'x''\u{05B7}y'", "`a``\u{05B7}b` + 1",
    ])
    func printingKeepsTheTreeWithMinimalParentheses(input: String) throws {
        let expr = try parse(input)
        let printed = SQLPrinter.print(expr)
        #expect(try parse(printed) == expr)
        #expect(!printed.contains("--"))
    }

    @Test func equalityIgnoresRangesAndQuoting() throws {
        #expect(try parse("a + b") == parse("  A   +   b "))
        #expect(try parse("`A` + \"B\"") == parse("a + b"))
        #expect(try parse("`a`") != parse("a"))
        #expect(try parse("a + b").hashValue == parse("A + B").hashValue)
        #expect(try parse("a + b").range == SourceRange(start: 0, end: 5))
    }
}

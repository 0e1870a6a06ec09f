import SluiceCore
import SluiceSQL
import Testing

/// Deep input must give "expression nested too deeply", never a stack overflow; and a deep tree
/// built in code must survive comparison, hashing, printing and release.
@Suite struct DeepNestingTests {
    private func expectTooDeep(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            _ = try Parser.parseStatement(text)
            Issue.record("parsed", sourceLocation: sourceLocation)
        } catch {
            #expect((error as? Diagnostic)?.message == "expression nested too deeply", sourceLocation: sourceLocation)
        }
    }

    @Test func tenThousandParenthesesAreRefused() {
        expectTooDeep(
            "SELECT " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + " FROM t"
        )
    }

    @Test func aMillionUnaryMinusesAreRefusedBeforeAnyTreeIsBuilt() {
        expectTooDeep("SELECT " + String(repeating: "- ", count: 1_000_000) + "x FROM t")
        expectTooDeep("SELECT " + String(repeating: "NOT ", count: 100_000) + "x FROM t")
    }

    @Test func longOperatorChainsAreRefusedByTreeDepth() {
        // No recursion in the parser here, but the tree would be 100,000 levels deep.
        expectTooDeep("SELECT " + Array(repeating: "a", count: 100_000).joined(separator: " + ") + " FROM t")
    }

    @Test func longAndOrChainsAreOneFlatNode() throws {
        // Generated queries OR hundreds of conditions: AND and OR chains are one node each.
        let ors = Array(repeating: "a = 1", count: 100_000).joined(separator: " OR ")
        let statement = try Parser.parseStatement("SELECT * FROM t WHERE " + ors + " AND b")
        guard case .select(let select) = statement, case .or(let operands)? = select.whereClause?.kind else {
            Issue.record("expected an OR at the top")
            return
        }
        #expect(operands.count == 100_000)
        #expect(try Parser.parseStatement(SQLPrinter.print(statement)) == statement)
        let grouped = try Parser.parseExpression("(a AND b) AND c AND (d OR e)")
        #expect(SQLPrinter.print(grouped) == "A AND B AND C AND (D OR E)")
    }

    @Test func nestedTypesCallsAndExplainsAreRefused() {
        expectTooDeep(
            "CREATE STREAM s (a " + String(repeating: "ARRAY<", count: 10_000) + "INT"
                + String(repeating: ">", count: 10_000) + ")"
        )
        expectTooDeep(
            "SELECT " + String(repeating: "f(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + " FROM t"
        )
        expectTooDeep(
            "SELECT " + String(repeating: "ARRAY[", count: 10_000) + String(repeating: "]", count: 10_000) + " FROM t"
        )
        expectTooDeep(String(repeating: "EXPLAIN ", count: 10_000) + "SELECT 1 FROM t")
    }

    @Test func treesAtTheLimitParseAndRoundTrip() throws {
        let depth = ParserOptions.defaultMaxDepth - 2
        let text =
            "SELECT " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + " FROM t"
        let statement = try Parser.parseStatement(text)
        #expect(try Parser.parseStatement(SQLPrinter.print(statement)) == statement)
        let chain = "SELECT " + Array(repeating: "a", count: depth).joined(separator: " + ") + " FROM t"
        let chained = try Parser.parseStatement(chain)
        #expect(try Parser.parseStatement(SQLPrinter.print(chained)) == chained)
    }

    private func unaryChain(_ depth: Int) -> Expr {
        var expr = Expr(.column(Identifier("X")))
        for _ in 0..<depth { expr = Expr(.unary(.minus, expr)) }
        return expr
    }

    @Test func treesFarBeyondTheLimitBuiltInCodeAreComparedHashedAndPrinted() {
        let first = unaryChain(200_000)
        let second = unaryChain(200_000)
        #expect(first.depth == 200_001)
        #expect(first == second)
        #expect(first != unaryChain(199_999))
        #expect(first.hashValue == second.hashValue)
        let printed = SQLPrinter.print(first)
        #expect(printed.hasPrefix("-(-(-(") && printed.utf8.count == 3 * 200_000 - 1)
    }

    @Test func aMillionLevelTreeBuiltInCodeIsReleasedWithoutRecursion() {
        var unary: Expr? = unaryChain(1_000_000)
        #expect(unary?.depth == 1_000_001)
        unary = nil
        var chain: Expr? = Expr(.column(Identifier("A")))
        var middle: Expr?
        for index in 0..<1_000_000 {
            chain = Expr(.arithmetic(.add, chain!, Expr(.literal(.integer(Int64(index))))))
            if index == 499_999 { middle = chain }
        }
        #expect(chain?.depth == 1_000_001)
        chain = nil
        // The release dismantled only what nothing else holds: the shared half is intact.
        var levels = 0
        var node = middle!
        while case .arithmetic(_, let lhs, _) = node.kind {
            levels += 1
            node = lhs
        }
        #expect(levels == 500_000)
    }
}

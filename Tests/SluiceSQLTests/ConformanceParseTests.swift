import SluiceConformance
import SluiceCore
import SluiceSQL
import Testing

/// Runs every statement of ksqlDB's conformance data (in `../shared/conformance`, outside the
/// repository) through the parser: what ksqlDB accepts must parse and survive a print round trip;
/// what it rejects as a syntax error must be rejected. Statements of cases that expect a semantic
/// error are counted, and must round-trip when they parse.
@Suite struct ConformanceParseTests {
    static let directory = ConformanceData.directory(packageRoot: packageRoot)

    @Test(.enabled(if: directory != nil, "../shared/conformance is absent; conformance parse tests skipped"))
    func statementsThatKsqlAcceptsParseAndRoundTrip() throws {
        let directory = try #require(Self.directory)
        let sets: [(String, [ConformanceCase])] = [
            ("ksql-qtt", try ConformanceData.queryValidationCases(in: directory)),
            ("ksql-rqtt", try ConformanceData.restCases(in: directory)),
            ("ksql-sql-tests", try ConformanceData.sqlTestCases(in: directory)),
        ]
        for (setName, cases) in sets {
            var tally = Tally()
            for testCase in cases where !testCase.expectsSyntaxError {
                for text in testCase.statements {
                    tally.check(text, of: testCase)
                }
            }
            print(
                "\(setName): \(tally.parsed)/\(tally.total) statements parsed, \(tally.roundTripped) round-tripped "
                    + "(\(tally.totalInSuccessCases) in cases expecting success, \(tally.parsedInSuccessCases) parsed)"
            )
            #expect(tally.failures.isEmpty, "\(setName):\n\(tally.failures.prefix(30).joined(separator: "\n"))")
        }
    }

    @Test(.enabled(if: directory != nil, "../shared/conformance is absent; conformance parse tests skipped"))
    func statementsThatKsqlRejectsAsSyntaxErrorsAreRejected() throws {
        let directory = try #require(Self.directory)
        let cases = try (ConformanceData.queryValidationCases(in: directory) + ConformanceData.restCases(in: directory))
            .filter(\.expectsSyntaxError)
        var rejected = 0
        var accepted: [String] = []
        for testCase in cases {
            let script = SourceFile(name: testCase.name, text: testCase.statements.joined(separator: "\n"))
            let options = ParserOptions(allowsTestStatements: testCase.allowsTestStatements)
            if Parser.parseScript(script, options: options).diagnostics.isEmpty {
                accepted.append(testCase.name)
            } else {
                rejected += 1
            }
        }
        print("syntax-error cases: \(rejected)/\(cases.count) rejected")
        #expect(!cases.isEmpty)
        #expect(accepted.isEmpty, "accepted: \(accepted)")
    }
}

/// Counts what a set of conformance statements did.
private struct Tally {
    var total = 0
    var parsed = 0
    var roundTripped = 0
    var totalInSuccessCases = 0
    var parsedInSuccessCases = 0
    var failures: [String] = []

    mutating func check(_ text: String, of testCase: ConformanceCase) {
        let file = SourceFile(name: testCase.name, text: text)
        let options = ParserOptions(allowsTestStatements: testCase.allowsTestStatements)
        let result = Parser.parseScript(file, options: options)
        for statement in result.statements {
            total += 1
            if testCase.expectsSuccess { totalInSuccessCases += 1 }
            guard let parsedStatement = statement.statement else {
                // Cases that expect another error may fail here too (ksqlDB also rejects `LIMIT 2.5`).
                if testCase.expectsSuccess { failures.append(file.render(statement.diagnostic!)) }
                continue
            }
            parsed += 1
            if testCase.expectsSuccess { parsedInSuccessCases += 1 }
            let printed = SQLPrinter.print(parsedStatement)
            do {
                let reparsed = try Parser.parseStatement(printed, options: options)
                if reparsed == parsedStatement, SQLPrinter.print(reparsed) == printed {
                    roundTripped += 1
                } else {
                    failures.append(
                        "round trip changed \(testCase.name):\n  \(statement.text)\n  \(printed)\n  \(SQLPrinter.print(reparsed))"
                    )
                }
            } catch {
                let diagnostic = error as! Diagnostic
                failures.append(
                    "printed SQL does not parse (\(testCase.name)):\n\(SourceFile(name: "<printed>", text: printed).render(diagnostic))"
                )
            }
        }
    }
}

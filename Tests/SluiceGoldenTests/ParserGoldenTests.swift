import Foundation
import SluiceCore
import SluiceSQL
import SluiceTestSupport
import Testing

/// Runs `Tests/SluiceGoldenTests/parser/*.test`. Commands:
/// - `parse`: the input is a script; the output is each statement's canonical SQL on its own
///   line, or the diagnostics exactly as the user sees them. Every parsed statement must also
///   round-trip: `parse(print(ast)) == ast`.
/// - `parse-expr`, `parse-type`: one expression or type, printed canonically.
/// - `format`: what `sluice format` prints (comments kept).
/// `SLUICE_REWRITE=1 swift test` rewrites the expected outputs; review the diff like code.
@Suite struct ParserGoldenTests {
    static let directory =
        #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/parser"

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".test") }
            .sorted()
    }

    @Test(arguments: files)
    func golden(file name: String) throws {
        let path = Self.directory + "/" + name
        let golden = DataDrivenFile(parsing: try String(contentsOfFile: path, encoding: .utf8))
        var outputs: [String] = []
        for testCase in golden.cases {
            let output = run(testCase, file: name)
            outputs.append(output)
            if ProcessInfo.processInfo.environment["SLUICE_REWRITE"] == nil {
                #expect(output == testCase.expected, "\(name):\(testCase.line): \(testCase.command)\n\(testCase.input)")
            }
        }
        if ProcessInfo.processInfo.environment["SLUICE_REWRITE"] != nil {
            try golden.rewritten(with: outputs).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    private func run(_ testCase: DataDrivenFile.Case, file name: String) -> String {
        let source = SourceFile(name: "<input>", text: testCase.input)
        switch testCase.command {
        case "parse":
            let result = Parser.parseScript(source)
            guard result.diagnostics.isEmpty else { return source.render(result.diagnostics) }
            return result.statements.compactMap(\.statement).map { statement in
                let printed = SQLPrinter.print(statement)
                checkRoundTrip(statement, printed: printed, at: "\(name):\(testCase.line)")
                return printed
            }.joined(separator: "\n")
        case "parse-expr":
            do {
                let expr = try Parser.parseExpression(testCase.input)
                let printed = SQLPrinter.print(expr)
                #expect(
                    try Parser.parseExpression(printed) == expr,
                    "\(name):\(testCase.line): round trip of \(printed)"
                )
                return printed
            } catch {
                return source.render(error as! Diagnostic)
            }
        case "parse-type":
            do {
                let type = try Parser.parseType(testCase.input)
                let printed = SQLPrinter.print(type)
                #expect(try Parser.parseType(printed) == type, "\(name):\(testCase.line): round trip of \(printed)")
                return printed
            } catch {
                return source.render(error as! Diagnostic)
            }
        case "format":
            let result = Parser.parseScript(source)
            return (SQLFormatter.format(result, of: source).map { String($0.dropLast()) })
                ?? source.render(result.diagnostics)
        default:
            Issue.record("\(name):\(testCase.line): unknown command \(testCase.command)")
            return testCase.expected
        }
    }

    private func checkRoundTrip(_ statement: Statement, printed: String, at place: String) {
        do {
            let reparsed = try Parser.parseStatement(printed)
            #expect(reparsed == statement, "\(place): round trip changed the statement: \(printed)")
            #expect(SQLPrinter.print(reparsed) == printed, "\(place): printing is not idempotent: \(printed)")
        } catch {
            Issue.record("\(place): the printed statement does not parse: \(printed)\n\(error)")
        }
    }
}

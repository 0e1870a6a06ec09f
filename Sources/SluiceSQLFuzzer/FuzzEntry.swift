import SluiceCore
import SluiceSQL

// libFuzzer entry for the SQL front end; `make fuzz` builds it with `-sanitize=fuzzer,address`.
//
// SwiftPM links an executable with `--defsym main=SluiceSQLFuzzer_main`, so this module exports
// that symbol and hands control to libFuzzer's driver instead of libFuzzer's own `main`.

@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@_cdecl("SluiceSQLFuzzer_main")
func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in
        let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
        FuzzCheck.run(text)
        return 0
    }
}

/// What every input must satisfy: parsing never crashes, and what parses round-trips.
enum FuzzCheck {
    static let variables = VariableSubstitution(["x": "1", "name": "clicks", "s": "'text'"])

    static func run(_ text: String) {
        for options in [ParserOptions(), ParserOptions(substitution: variables, allowsTestStatements: false)] {
            let result = Parser.parseScript(SourceFile(name: "<fuzz>", text: text), options: options)
            for statement in result.statements {
                if let parsed = statement.statement { checkRoundTrip(parsed) }
                if let diagnostic = statement.diagnostic {
                    _ = SourceFile(name: "<fuzz>", text: text).render(diagnostic)
                }
            }
        }
        if let expr = try? Parser.parseExpression(text) {
            let printed = SQLPrinter.print(expr)
            guard let reparsed = try? Parser.parseExpression(printed), reparsed == expr else {
                fatalError("expression round trip failed: \(printed)")
            }
        }
        if let type = try? Parser.parseType(text) {
            guard let reparsed = try? Parser.parseType(SQLPrinter.print(type)), reparsed == type else {
                fatalError("type round trip failed: \(SQLPrinter.print(type))")
            }
        }
    }

    private static func checkRoundTrip(_ statement: Statement) {
        let printed = SQLPrinter.print(statement)
        guard let reparsed = try? Parser.parseStatement(printed) else {
            fatalError("printed SQL does not parse: \(printed)")
        }
        guard reparsed == statement else { fatalError("round trip changed the statement: \(printed)") }
        guard SQLPrinter.print(reparsed) == printed else { fatalError("printing is not idempotent: \(printed)") }
    }
}

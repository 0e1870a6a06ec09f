import ArgumentParser
import Foundation
import SluiceConformance
import SluiceCore
import SluiceSQL

/// `sluice bench parse`: lexing throughput and the time to parse ksqlDB's conformance statements.
struct BenchParse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Measure lexing throughput and parsing time over ksqlDB's conformance statements.",
        discussion: """
            Reads the statements of ../shared/conformance/ksql-qtt (or --conformance DIR); without \
            them it uses a built-in sample of similar statements. Targets: lexing >= 300 MB/s, the \
            whole QTT set (~3,400 statements) parsed in < 50 ms.
            """
    )

    @Option(help: "The conformance directory holding ksql-qtt/.")
    var conformance: String = "../shared/conformance"

    @Option(help: "Seconds to spend on each measurement.")
    var seconds: Double = 1

    func run() throws {
        let (statements, origin) = try corpus()
        let script = statements.joined(separator: "\n")
        let bytes = Array(script.utf8)
        print("corpus: \(statements.count) statements, \(bytes.count / 1024) KiB (\(origin))")

        var tokens: [Token] = []
        var comments: [SourceRange] = []
        let lex = measure {
            tokens.removeAll(keepingCapacity: true)
            bytes.withUnsafeBufferPointer {
                Lexer.tokenize($0, into: &tokens, comments: &comments, recordComments: false)
            }
        }
        let megabytesPerSecond = Double(bytes.count) / lex.best / 1_000_000
        let tokensPerSecond = Double(tokens.count) / lex.best / 1_000_000
        print("lex:   \(format(megabytesPerSecond, 0)) MB/s, \(format(tokensPerSecond, 1)) M tokens/s")

        let file = SourceFile(name: "corpus", text: script)
        var result = Parser.parseScript(file)
        guard result.diagnostics.isEmpty else {
            throw ValidationError("the corpus does not parse:\n" + file.render(Array(result.diagnostics.prefix(3))))
        }
        let parse = measure { result = Parser.parseScript(file) }
        let perStatement = parse.best / Double(statements.count) * 1e6
        print(
            "parse: \(format(parse.best * 1000, 2)) ms for all \(result.statements.count) statements "
                + "(best of \(parse.runs); median \(format(parse.median * 1000, 2)) ms), "
                + "\(format(perStatement, 2)) µs per statement")

        let parsed = result.statements.compactMap(\.statement)
        var printedBytes = 0
        let printing = measure { printedBytes = parsed.reduce(0) { $0 + SQLPrinter.print($1).utf8.count } }
        let printRate = Double(printedBytes) / printing.best / 1_000_000
        print("print: \(format(printing.best * 1000, 2)) ms for all statements, \(format(printRate, 0)) MB/s")
    }

    /// The QTT statements (one per format for `{FORMAT}` cases), or the built-in sample.
    private func corpus() throws -> ([String], String) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: conformance + "/ksql-qtt", isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            let cases = try ConformanceData.queryValidationCases(in: conformance).filter { !$0.expectsSyntaxError }
            return (cases.flatMap(\.statements), "ksql-qtt in \(conformance)")
        }
        let sample = BenchParse.sample
        return (
            (0..<(3400 / sample.count + 1)).flatMap { _ in sample },
            "built-in sample; \(conformance)/ksql-qtt not found"
        )
    }

    private struct Timing {
        var best: Double
        var median: Double
        var runs: Int
    }

    /// Runs `body` repeatedly for about `seconds` and returns the best and median run time.
    private func measure(_ body: () -> Void) -> Timing {
        let clock = ContinuousClock()
        var times: [Double] = []
        let deadline = clock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        repeat {
            let elapsed = clock.measure(body)
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        } while clock.now < deadline || times.count < 3
        times.sort()
        return Timing(best: times[0], median: times[times.count / 2], runs: times.count)
    }

    private func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    private static let sample = [
        "CREATE STREAM PAGEVIEWS (USER_ID BIGINT KEY, PAGE STRING, VIEWTIME BIGINT) WITH (KAFKA_TOPIC='pageviews', VALUE_FORMAT='JSON', PARTITIONS=4);",
        "CREATE TABLE USERS (ID BIGINT PRIMARY KEY, NAME STRING, REGION STRING) WITH (KAFKA_TOPIC='users', VALUE_FORMAT='JSON');",
        "CREATE STREAM ENRICHED AS SELECT P.USER_ID, P.PAGE, U.NAME, U.REGION FROM PAGEVIEWS P LEFT JOIN USERS U ON P.USER_ID = U.ID EMIT CHANGES;",
        "CREATE TABLE PAGE_COUNTS AS SELECT PAGE, COUNT(*) AS N, WINDOWSTART AS WS FROM PAGEVIEWS WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 10 SECONDS) WHERE PAGE <> '/health' GROUP BY PAGE HAVING COUNT(*) > 1 EMIT CHANGES;",
        "SELECT USER_ID, CASE WHEN VIEWTIME > 1000 THEN 'late' ELSE 'early' END AS T, CAST(VIEWTIME AS DOUBLE) / 1000.0 AS SECONDS FROM PAGEVIEWS WHERE PAGE LIKE '/p%' AND USER_ID BETWEEN 1 AND 100 EMIT CHANGES LIMIT 10;",
        "INSERT INTO PAGEVIEWS (USER_ID, PAGE, VIEWTIME) VALUES (1, '/home', 1700000000000);",
        "CREATE STREAM S2 AS SELECT ID, TRANSFORM(ARR, X => X * 2) AS DOUBLED, MAP('a' := 1, 'b' := 2) AS M, STRUCT(F1 := ID, F2 := 'x') AS ST FROM S1 PARTITION BY ID;",
        "CREATE TABLE HOPS AS SELECT ID, SUM(V) AS TOTAL FROM S WINDOW HOPPING (SIZE 30 SECONDS, ADVANCE BY 10 SECONDS, RETENTION 1 DAY) GROUP BY ID EMIT FINAL;",
    ]
}

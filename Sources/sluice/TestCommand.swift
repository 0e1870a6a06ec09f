import ArgumentParser
import Foundation
import SluiceTesting

/// `sluice test`: runs query tests: Sluice's SQL test files, ksqlDB's QTT JSON files, or the
/// ksql-test-runner trio of statements, input and output files.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run query tests (SQL test files, ksqlDB QTT files, or -s/-i/-o).",
        discussion: "Each case runs isolated in a fresh engine in deterministic mode. Exit status 1 when any case failed."
    )

    @Argument(help: "Test files: *.sql in run-ksql-test style, or *.json QTT files with --qtt.")
    var files: [String] = []

    @Flag(name: .long, help: "Read the files as ksqlDB query-validation-test (QTT) JSON files.")
    var qtt = false

    @Option(name: [.customShort("s"), .customLong("sql-file")], help: "ksql-test-runner statements file.")
    var statementsFile: String?

    @Option(name: [.customShort("i"), .customLong("input-file")], help: "ksql-test-runner input file.")
    var inputFile: String?

    @Option(name: [.customShort("o"), .customLong("output-file")], help: "ksql-test-runner expected output file.")
    var outputFile: String?

    @Option(name: .long, help: "Only run cases whose name contains this text.")
    var filter: String?

    @Flag(name: .long, help: "Print machine-readable JSON results, one object per case.")
    var json = false

    @Flag(name: .long, help: "Print only failures and the summary.")
    var quiet = false

    @Flag(
        name: .customLong("exact-errors"),
        help: "A case expecting an error fails unless the error contains its --@expected.message (ksqlDB's suites are scored without this).")
    var exactErrors = false

    func validate() throws {
        if statementsFile != nil {
            guard outputFile != nil else { throw ValidationError("-s needs -o (the expected output file)") }
        } else if files.isEmpty {
            throw ValidationError("give test files, or -s statements.sql -o output.json [-i input.json]")
        }
    }

    func run() throws {
        var cases: [TestCase] = []
        var report = TestReport()
        // A file that can't be read fails (and says why); the other files still run.
        var unreadable: [CaseResult] = []
        if let statementsFile, let outputFile {
            do {
                cases = [try TestRunnerFiles.read(statements: statementsFile, input: inputFile, output: outputFile)]
            } catch {
                CommandOutput.standardError.write("error: \(error)\n")
                throw ExitCode(2)
            }
        } else {
            for file in files {
                do {
                    cases += qtt || file.hasSuffix(".json") ? try QTTFile.read(path: file) : try SQLTestFile.read(path: file)
                } catch {
                    unreadable.append(CaseResult(
                        name: file, file: file, outcome: .failed("cannot read the file: \(error)"), expectsError: false,
                        messageMatched: nil, milliseconds: 0))
                }
            }
        }
        if let filter {
            cases = cases.filter { $0.name.contains(filter) }
            if cases.isEmpty && unreadable.isEmpty {
                CommandOutput.standardError.write("error: no test case name contains '\(filter)'\n")
                throw ExitCode(1)
            }
        }
        for result in unreadable {
            report.add(result)
            CommandOutput.standardOutput.write((json ? TestReport.json(result) : TestReport.line(result)) + "\n")
        }
        let runner = CaseRunner(requiresExpectedMessage: exactErrors)
        for testCase in cases {
            let result = runner.run(testCase)
            report.add(result)
            if json {
                CommandOutput.standardOutput.write(TestReport.json(result) + "\n")
            } else if !quiet || !(result.passed || result.skipped) {
                CommandOutput.standardOutput.write(TestReport.line(result) + "\n")
            }
        }
        if !json { CommandOutput.standardOutput.write(report.summary + "\n") }
        if report.failed > 0 { throw ExitCode(1) }
    }
}

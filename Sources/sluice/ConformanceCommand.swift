import ArgumentParser
import Foundation
import SluiceTesting

/// `sluice conformance DIR`: runs ksqlDB's functional tests and reports Sluice's standing.
struct ConformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Run ksqlDB's QTT and SQL test suites and print a table per file and per tier.",
        discussion: """
            DIR is a conformance folder such as ../shared/conformance (ksql-qtt/*.json with TIERS.tsv, and \
            ksql-sql-tests/*.sql). With --baseline, exits 1 when a case listed in the baseline no longer \
            passes (a ratchet: the baseline only grows); --write-baseline records the passing cases.
            """
    )

    @Argument(help: "The conformance folder.")
    var directory: String

    @Option(help: "A file of case names that must keep passing.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Write the names of the passing cases to this file.")
    var writeBaseline: String?

    @Flag(help: "Print every failing case with its reason.")
    var failures = false

    func run() throws {
        let report = try ConformanceRun.run(directory: directory)
        CommandOutput.standardOutput.write(report.table + "\n")
        if failures {
            for result in report.results where !(result.passed || result.skipped) {
                CommandOutput.standardOutput.write(TestReport.line(result) + "\n")
            }
        }
        let passing = report.results.filter(\.passed).map(\.name)
        if let writeBaseline {
            try (passing.sorted().joined(separator: "\n") + "\n").write(toFile: writeBaseline, atomically: true, encoding: .utf8)
            CommandOutput.standardOutput.write("wrote \(passing.count) passing cases to \(writeBaseline)\n")
        }
        if let baseline {
            let expected = try String(contentsOfFile: baseline, encoding: .utf8)
                .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            let passed = Set(passing)
            let regressed = expected.filter { !passed.contains($0) }
            let gained = passing.count - expected.filter { passed.contains($0) }.count
            CommandOutput.standardOutput.write("baseline: \(expected.count) cases, \(regressed.count) regressed, \(gained) newly passing\n")
            if !regressed.isEmpty {
                for name in regressed.prefix(50) { CommandOutput.standardError.write("regressed: \(name)\n") }
                throw ExitCode(1)
            }
        }
    }
}

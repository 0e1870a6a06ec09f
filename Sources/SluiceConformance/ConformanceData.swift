import Foundation

/// One test case of ksqlDB's conformance data, reduced to what the SQL front end needs: its
/// statements and whether ksqlDB expects them to fail.
public struct ConformanceCase: Sendable {
    /// `where.json: on key column - JSON` or `test.sql: basic test`.
    public var name: String
    /// The statements, each as one SQL text (for `.sql` tests: the test's whole script).
    public var statements: [String]
    /// The expected exception's class name, when the case expects an error.
    public var expectedErrorType: String?
    /// The expected exception's message (or a substring of it).
    public var expectedErrorMessage: String?
    /// Whether the statements are a test script that may use ASSERT VALUES / ASSERT STREAM.
    public var allowsTestStatements: Bool

    /// The case expects the statements to be accepted.
    public var expectsSuccess: Bool { expectedErrorType == nil && expectedErrorMessage == nil }

    /// The case expects ksqlDB's parser to reject a statement as a syntax error: a
    /// `ParseFailedException` without message, or any error whose message says "Syntax Error".
    public var expectsSyntaxError: Bool {
        let speaksOfSyntax = expectedErrorMessage?.range(of: "syntax error", options: .caseInsensitive) != nil
        if expectedErrorType == "io.confluent.ksql.parser.exception.ParseFailedException" {
            return expectedErrorMessage == nil || speaksOfSyntax
        }
        return speaksOfSyntax
    }
}

/// Reads ksqlDB's conformance data (QTT and RQTT JSON files, sql-tests scripts) from a
/// `conformance` directory such as `../shared/conformance`. The data stays outside the repository.
public enum ConformanceData {
    /// The conformance directory next to the package (`<package>/../shared/conformance`), if present.
    public static func directory(packageRoot: String) -> String? {
        let candidate = URL(fileURLWithPath: packageRoot).appendingPathComponent("../shared/conformance").standardized
            .path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return candidate
    }

    /// The cases of every `ksql-qtt/*.json` file, one per format for cases with `{FORMAT}`
    /// (JSON when the case lists none). Disabled cases are left out.
    public static func queryValidationCases(in directory: String) throws -> [ConformanceCase] {
        try jsonCases(in: directory + "/ksql-qtt")
    }

    /// The cases of every `ksql-rqtt/*.json` file (REST tests: pull queries, INSERT VALUES).
    public static func restCases(in directory: String) throws -> [ConformanceCase] {
        try jsonCases(in: directory + "/ksql-rqtt")
    }

    /// The tests of every `ksql-sql-tests/*.sql` file; each case holds its test's whole script.
    public static func sqlTestCases(in directory: String) throws -> [ConformanceCase] {
        var cases: [ConformanceCase] = []
        for file in try files(in: directory + "/ksql-sql-tests", suffix: ".sql") {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            var current: ConformanceCase?
            var script: [String] = []
            func finish() {
                guard var finished = current else { return }
                finished.statements = [script.joined(separator: "\n")]
                cases.append(finished)
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("--@test:") {
                    finish()
                    let name = line.dropFirst("--@test:".count).trimmingCharacters(in: .whitespaces)
                    current = ConformanceCase(
                        name: "\(fileName(file)): \(name)",
                        statements: [],
                        expectedErrorType: nil,
                        expectedErrorMessage: nil,
                        allowsTestStatements: true
                    )
                    script = []
                } else if line.hasPrefix("--@expected.error:") {
                    current?.expectedErrorType = line.dropFirst("--@expected.error:".count).trimmingCharacters(
                        in: .whitespaces
                    )
                } else if line.hasPrefix("--@expected.message:") {
                    current?.expectedErrorMessage = line.dropFirst("--@expected.message:".count).trimmingCharacters(
                        in: .whitespaces
                    )
                } else if current != nil {
                    script.append(String(line))
                }
            }
            finish()
        }
        return cases
    }

    private struct TestFile: Decodable {
        var tests: [TestCase]
    }

    private struct TestCase: Decodable {
        var name: String
        var statements: [String]
        var format: [String]?
        var enabled: Bool?
        var expectedException: ExpectedError?
        var expectedError: ExpectedError?
    }

    private struct ExpectedError: Decodable {
        var type: String?
        var message: String?
    }

    private static func jsonCases(in directory: String) throws -> [ConformanceCase] {
        let decoder = JSONDecoder()
        // attr.json and some RQTT files hold `//` comments, which JSON5 allows.
        decoder.allowsJSON5 = true
        var cases: [ConformanceCase] = []
        for file in try files(in: directory, suffix: ".json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let parsed = try decoder.decode(TestFile.self, from: data)
            for test in parsed.tests where test.enabled ?? true {
                let expected = test.expectedException ?? test.expectedError
                let usesFormat = test.statements.contains { $0.contains("{FORMAT}") }
                let formats: [String?] = usesFormat ? (test.format ?? ["JSON"]) : [nil]
                for format in formats {
                    let statements = test.statements.map { statement in
                        format.map { statement.replacingOccurrences(of: "{FORMAT}", with: $0) } ?? statement
                    }
                    cases.append(
                        ConformanceCase(
                            name: "\(fileName(file)): \(test.name)" + (format.map { " - \($0)" } ?? ""),
                            statements: statements,
                            expectedErrorType: expected?.type,
                            expectedErrorMessage: expected?.message,
                            allowsTestStatements: false
                        )
                    )
                }
            }
        }
        return cases
    }

    private static func files(in directory: String, suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(suffix) }
            .sorted()
            .map { directory + "/" + $0 }
    }

    private static func fileName(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }
}

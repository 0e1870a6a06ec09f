import Foundation
import SluiceFormats

/// The ksql-test-runner format: a statements file, an optional `{"inputs": [...]}` file and an
/// `{"outputs": [...]}` file, run as one test case.
public enum TestRunnerFiles {
    public static func read(statements: String, input: String?, output: String) throws -> TestCase {
        let script = try TestFileText.read(statements)
        let inputs = try input.map { path in try QTTFile.records(try member("inputs", of: path), path: path) } ?? []
        let outputs = try QTTFile.records(try member("outputs", of: output), path: output)
        // Run as a script, so each statement's error names its line; then the inputs, then the outputs.
        var testCase = TestCase(name: URL(fileURLWithPath: statements).lastPathComponent, file: statements,
                                statements: [script], inputs: inputs, outputs: outputs)
        testCase.isScript = true
        return testCase
    }

    /// The `inputs` or `outputs` array of a file, which must have one.
    private static func member(_ name: String, of path: String) throws -> JSONValue {
        guard let array = try document(path)[name], array.arrayValue != nil else {
            throw QTTFile.ReadError(description: "\(path): expected an object with an \"\(name)\" array")
        }
        return array
    }

    private static func document(_ path: String) throws -> JSONValue {
        let text = try TestFileText.read(path)
        do {
            return try JSONValue.parse(text)
        } catch {
            throw QTTFile.ReadError(description: "\(path):\(error)")
        }
    }
}

/// Sluice's (and ksqlDB's run-ksql-test) SQL test files: tests start with `--@test: name`, may
/// expect an error with `--@expected.error:` / `--@expected.message:`, and check results with
/// ASSERT VALUES, ASSERT NULL VALUES and ASSERT STREAM/TABLE.
public enum SQLTestFile {
    public static func read(path: String) throws -> [TestCase] {
        try parse(try TestFileText.read(path), file: URL(fileURLWithPath: path).lastPathComponent)
    }

    /// - Throws: `QTTFile.ReadError` for a directive it does not know (a misspelled
    ///   `--@expected.eror:` would otherwise turn a negative test into a positive one) or a file
    ///   without any `--@test:`.
    public static func parse(_ text: String, file: String) throws -> [TestCase] {
        var cases: [TestCase] = []
        var current: TestCase?
        var lines: [String] = []
        func finish() {
            guard var finished = current else { return }
            finished.statements = [lines.joined(separator: "\n")]
            cases.append(finished)
        }
        let directives = ["--@test:", "--@expected.error:", "--@expected.message:"]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--@"), !directives.contains(where: trimmed.hasPrefix) {
                throw QTTFile.ReadError(description: "\(file):\(number + 1): unknown directive '\(trimmed)' "
                    + "(known: \(directives.joined(separator: " ")))")
            }
            if trimmed.hasPrefix("--@test:") {
                finish()
                let name = trimmed.dropFirst("--@test:".count).trimmingCharacters(in: .whitespaces)
                current = TestCase(name: "\(file) - \(name)", file: file, statements: [])
                current?.isScript = true
                // Blank lines for everything above the case, so errors name the file's own lines.
                lines = Array(repeating: "", count: number + 1)
            } else if trimmed.hasPrefix("--@expected.error:") {
                current?.expectedErrorType = trimmed.dropFirst("--@expected.error:".count).trimmingCharacters(in: .whitespaces)
                lines.append("")
            } else if trimmed.hasPrefix("--@expected.message:") {
                current?.expectedErrorMessage = trimmed.dropFirst("--@expected.message:".count).trimmingCharacters(in: .whitespaces)
                lines.append("")
            } else if current != nil {
                lines.append(String(line))
            }
        }
        finish()
        if cases.isEmpty { throw QTTFile.ReadError(description: "\(file): no test cases (each starts with --@test: name)") }
        return cases
    }
}

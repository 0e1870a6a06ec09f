import Foundation
import SluiceFormats

/// The ksql-test-runner format: a statements file, an optional `{"inputs": [...]}` file and an
/// `{"outputs": [...]}` file, run as one test case.
public enum TestRunnerFiles {
    public static func read(statements: String, input: String?, output: String) throws -> TestCase {
        let script = try String(contentsOfFile: statements, encoding: .utf8)
        let inputs = try input.map { path in try QTTFile.records(try document(path)["inputs"], path: path) } ?? []
        let outputs = try QTTFile.records(try document(output)["outputs"], path: output)
        return TestCase(name: URL(fileURLWithPath: statements).lastPathComponent, file: statements, statements: [script],
                        inputs: inputs, outputs: outputs)
    }

    private static func document(_ path: String) throws -> JSONValue {
        let text = try String(contentsOfFile: path, encoding: .utf8)
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
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return parse(text, file: URL(fileURLWithPath: path).lastPathComponent)
    }

    public static func parse(_ text: String, file: String) -> [TestCase] {
        var cases: [TestCase] = []
        var current: TestCase?
        var lines: [String] = []
        func finish() {
            guard var finished = current else { return }
            finished.statements = [lines.joined(separator: "\n")]
            cases.append(finished)
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--@test:") {
                finish()
                let name = trimmed.dropFirst("--@test:".count).trimmingCharacters(in: .whitespaces)
                current = TestCase(name: "\(file) - \(name)", file: file, statements: [])
                current?.isScript = true
                lines = []
            } else if trimmed.hasPrefix("--@expected.error:") {
                current?.expectedErrorType = trimmed.dropFirst("--@expected.error:".count).trimmingCharacters(in: .whitespaces)
            } else if trimmed.hasPrefix("--@expected.message:") {
                current?.expectedErrorMessage = trimmed.dropFirst("--@expected.message:".count).trimmingCharacters(in: .whitespaces)
            } else if current != nil {
                // Keep line numbers: directives become blank lines in the script.
                lines.append(trimmed.hasPrefix("--@") ? "" : String(line))
            }
        }
        finish()
        return cases
    }
}

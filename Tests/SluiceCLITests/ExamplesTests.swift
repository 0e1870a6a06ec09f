import Foundation
import Testing

/// Every runnable example (`Examples/*/run.sh`) must print exactly its `expected.txt`, so the
/// documentation cannot rot.
@Suite struct ExamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples").path

    static var examples: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter {
            FileManager.default.fileExists(atPath: root + "/" + $0 + "/run.sh")
        }.sorted()
    }

    @Test func thereIsAnExample() {
        #expect(!Self.examples.isEmpty)
    }

    @Test(arguments: examples)
    func printsItsExpectedOutput(_ example: String) async throws {
        let scratch = Scratch()
        let directory = Self.root + "/" + example
        let output = scratch.path + "/output.txt"
        let child = try Subprocess(
            ["bash", directory + "/run.sh"],
            environment: ["SLUICE": SluiceBinary.path, "SLUICE_DATA": scratch.path + "/data"],
            output: output, error: scratch.path + "/error.txt")
        let status = await child.wait(timeout: 60)
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: scratch.path + "/error.txt", encoding: .utf8)) ?? ""
        #expect(status == 0, "run.sh failed: \(errors)")
        let expected = try String(contentsOfFile: directory + "/expected.txt", encoding: .utf8)
        #expect(printed == expected, "\(example) printed:\n\(printed)\nstandard error:\n\(errors)")
    }
}

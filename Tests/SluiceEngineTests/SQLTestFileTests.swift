import Foundation
import SluiceTesting
import Testing

/// Runs Sluice's own SQL behaviour tests (`sql/*.sql`, run-ksql-test style) through `sluice test`'s runner.
@Suite struct SQLTestFileTests {
    static let directory =
        #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/sql"

    static var cases: [TestCase] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".sql") }
        return files.sorted().flatMap { (try? SQLTestFile.read(path: directory + "/" + $0)) ?? [] }
    }

    @Test func theFilesHoldTests() {
        #expect(Self.cases.count >= 10)
    }

    @Test(arguments: cases.map(\.name))
    func passes(_ name: String) throws {
        let testCase = try #require(Self.cases.first { $0.name == name })
        let result = CaseRunner().run(testCase)
        #expect(result.outcome == .passed, "\(TestReport.line(result))")
    }
}

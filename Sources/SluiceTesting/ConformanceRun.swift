import Foundation

/// Runs a whole conformance folder and summarizes it per file, per tier and in total, with
/// positive cases (expecting results) and negative ones (expecting an error) apart.
public struct ConformanceRun {
    public var results: [CaseResult] = []
    /// QTT file name (without `.json`) → tier from TIERS.tsv.
    var tiers: [String: String] = [:]
    /// Expanded QTT case name → whether it is in the engine v1 scope, from CASES.tsv: JSON-only
    /// formats and none of CTAS, GROUP BY, JOIN, windows, HAVING, EMIT FINAL, EXPLODE, lambdas.
    var engineV1Scope: [String: Bool] = [:]

    public static func run(directory: String, runner: CaseRunner = CaseRunner()) throws -> ConformanceRun {
        var run = ConformanceRun()
        let qtt = directory + "/ksql-qtt"
        if let text = try? String(contentsOfFile: qtt + "/TIERS.tsv", encoding: .utf8) {
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                if fields.count > 1 { run.tiers[String(fields[0].dropLast(".json".count))] = String(fields[1]) }
            }
        }
        if let text = try? String(contentsOfFile: qtt + "/CASES.tsv", encoding: .utf8) {
            let excluded: Set<Substring> = ["CTAS", "GROUPBY", "JOIN", "WINDOW", "HAVING", "EMIT_FINAL", "EXPLODE", "LAMBDA"]
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 8 else { continue }
                let features = Set(fields[7].split(separator: ","))
                run.engineV1Scope[String(fields[2])] = fields[4] == "1" && features.isDisjoint(with: excluded)
            }
        }
        let qttFiles = try files(qtt, suffix: ".json")
        let sqlFiles = try files(directory + "/ksql-sql-tests", suffix: ".sql")
        if qttFiles.isEmpty && sqlFiles.isEmpty {
            throw QTTFile.ReadError(description: "\(directory): no ksql-qtt/*.json or ksql-sql-tests/*.sql files")
        }
        var cases: [TestCase] = []
        // A file that can't be read counts as one failed case; the others still run.
        var unreadable: [CaseResult] = []
        for file in qttFiles + sqlFiles {
            do {
                cases += file.hasSuffix(".json") ? try QTTFile.read(path: file) : try SQLTestFile.read(path: file)
            } catch {
                let name = URL(fileURLWithPath: file).lastPathComponent
                unreadable.append(CaseResult(
                    name: name, file: name.hasSuffix(".json") ? String(name.dropLast(5)) : name,
                    outcome: .failed("cannot read the file: \(error)"), expectsError: false, messageMatched: nil,
                    milliseconds: 0))
            }
        }
        // Cases are independent (each has its own engine), so both cores share them.
        let slots = ResultSlots(count: cases.count)
        let shared = cases
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in stride(from: worker, to: shared.count, by: 2) {
                slots.set(index, runner.run(shared[index]))
            }
        }
        run.results = unreadable + slots.all
        return run
    }

    /// One slot per case, each written by exactly one worker.
    private final class ResultSlots: @unchecked Sendable {
        private let results: UnsafeMutableBufferPointer<CaseResult?>

        init(count: Int) {
            results = .allocate(capacity: count)
            results.initialize(repeating: nil)
        }

        deinit {
            _ = results.deinitialize()
            results.deallocate()
        }

        func set(_ index: Int, _ result: CaseResult) { results[index] = result }

        var all: [CaseResult] { results.compactMap { $0 } }
    }

    private static func files(_ directory: String, suffix: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(suffix) }.sorted()
            .map { directory + "/" + $0 }
    }

    /// Counts of one group of cases.
    struct Tally {
        var passed = 0, failed = 0, skipped = 0
        var positivePassed = 0, positiveTotal = 0, negativePassed = 0, negativeTotal = 0
        /// Negative cases that passed with ksqlDB's message in Sluice's error.
        var messageMatched = 0

        mutating func add(_ result: CaseResult) {
            switch result.outcome {
            case .passed: passed += 1
            case .failed: failed += 1
            case .skipped: skipped += 1
            }
            if result.skipped { return }
            if result.expectsError {
                negativeTotal += 1
                if result.passed { negativePassed += 1 }
                if result.passed && result.messageMatched == true { messageMatched += 1 }
            } else {
                positiveTotal += 1
                if result.passed { positivePassed += 1 }
            }
        }

        var row: String {
            func percent(_ part: Int, _ whole: Int) -> String {
                whole == 0 ? "   -" : String(format: "%3.0f%%", 100 * Double(part) / Double(whole))
            }
            return String(format: "%6d %6d %6d   %5d/%-5d ", passed, failed, skipped, positivePassed, positiveTotal)
                + percent(positivePassed, positiveTotal)
                + String(format: "      %4d/%-4d ", negativePassed, negativeTotal) + percent(negativePassed, negativeTotal)
                + String(format: "   %4d", messageMatched)
        }
    }

    /// The report: one line per file, then per tier, then the totals.
    public var table: String {
        var byFile: [String: Tally] = [:]
        var byTier: [String: Tally] = [:]
        var total = Tally()
        for result in results {
            byFile[result.file, default: Tally()].add(result)
            byTier[tier(of: result), default: Tally()].add(result)
            total.add(result)
        }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        let header = pad("file", 38) + pad("tier", 6) + "  pass   fail   skip   positive (pass/run)   negative (pass/run)   same message"
        var lines = [header, String(repeating: "-", count: header.count)]
        for file in byFile.keys.sorted() {
            lines.append(pad(file, 38) + pad(tiers[file] ?? "-", 6) + byFile[file]!.row)
        }
        lines.append("")
        for tier in byTier.keys.sorted() {
            lines.append(pad("tier \(tier)", 44) + byTier[tier]!.row)
        }
        lines.append(pad("total", 44) + total.row)
        if !engineV1Scope.isEmpty {
            var scope = Tally()
            for result in results where engineV1Scope[result.name] == true { scope.add(result) }
            lines.append(pad("engine v1 scope (CASES.tsv)", 44) + scope.row)
        }
        return lines.joined(separator: "\n")
    }

    private func tier(of result: CaseResult) -> String {
        if let tier = tiers[result.file] { return tier }
        return result.file.hasSuffix(".sql") ? "sql-tests" : "-"
    }
}

import ArgumentParser
import SluiceLog

struct TopicVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every batch's CRC and framing; report the first bad batch of each partition.",
        discussion: "Exits with status 1 when a partition has a bad batch.")

    @OptionGroup var global: GlobalOptions
    @Argument var name: String

    func run() throws {
        try reportFailures {
            let (results, reports) = try StoreSession.with(global) { session in
                let reports = try session.store.openPartitions(of: name)
                return (try session.store.verify(topic: name), reports)
            }
            var bad = false
            for result in results {
                if let report = reports.first(where: { $0.partition == result.partition }), report.repairedAnything {
                    print("partition \(result.partition): repaired when opened: \(report.description)")
                }
                if let problem = result.problem {
                    bad = true
                    print(
                        "partition \(result.partition): bad batch at offset \(problem.offset) (segment \(problem.segment), "
                            + "position \(problem.position)): \(problem.reason)")
                } else {
                    print(
                        "partition \(result.partition): ok (\(result.segments) segments, \(result.batches) batches, "
                            + "\(result.records) records, \(result.bytes) bytes)")
                }
            }
            if bad { throw ExitCode(1) }
        }
    }
}

struct TopicRepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Truncate each partition at its first bad batch and report how many records that drops.")

    @OptionGroup var global: GlobalOptions
    @Argument var name: String

    func run() throws {
        try reportFailures {
            let (repairs, reports) = try StoreSession.with(global) { session in
                let reports = try session.store.openPartitions(of: name)
                return (try session.store.repair(topic: name), reports)
            }
            for repair in repairs {
                if let report = reports.first(where: { $0.partition == repair.partition }), report.truncatedBytes > 0 {
                    print("partition \(repair.partition): \(report.description)")
                }
                if let problem = repair.problem {
                    print(
                        "partition \(repair.partition): truncated at offset \(problem.offset) (\(problem.reason)); "
                            + "dropped \(repair.droppedRecords) record\(repair.droppedRecords == 1 ? "" : "s")")
                } else {
                    print("partition \(repair.partition): ok, nothing to repair")
                }
            }
        }
    }
}

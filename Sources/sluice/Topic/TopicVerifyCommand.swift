import ArgumentParser
import SluiceLog

struct TopicVerifyCommand: ForwardableCommand {
    static let createsDataDirectory = false
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every batch's CRC and framing; report the first bad batch of each partition.",
        discussion: "Exits with status 1 when a partition has a bad batch.")

    @OptionGroup var global: GlobalOptions
    @Argument var name: String

    func run(in context: CommandContext) throws {
        let reports = try context.store.openPartitions(of: name)
        let results = try context.store.verify(topic: name)
        var bad = false
        for result in results {
            if let report = reports.first(where: { $0.partition == result.partition }),
                report.truncatedBytes > 0 || !report.rebuiltIndexes.isEmpty
            {
                context.output.line("partition \(result.partition): repaired when opened: \(report.description)")
                // Records were cut when the partition was opened: that is data the topic no longer has.
                if report.truncatedBytes > 0 { bad = true }
            }
            if let problem = result.problem {
                bad = true
                context.output.line(
                    "partition \(result.partition): bad batch at offset \(problem.offset) (segment \(problem.segment), "
                        + "position \(problem.position)): \(problem.reason)")
            } else {
                context.output.line(
                    "partition \(result.partition): ok (\(result.segments) segments, \(result.batches) batches, "
                        + "\(result.records) records, \(result.bytes) bytes)")
            }
        }
        if bad { throw ExitCode(1) }
    }
}

struct TopicRepairCommand: ForwardableCommand {
    static let createsDataDirectory = false
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Truncate each partition at its first bad batch and report how many records that drops.")

    @OptionGroup var global: GlobalOptions
    @Argument var name: String

    func run(in context: CommandContext) throws {
        let reports = try context.store.openPartitions(of: name)
        let repairs = try context.store.repair(topic: name)
        for repair in repairs {
            if let report = reports.first(where: { $0.partition == repair.partition }), report.truncatedBytes > 0 {
                context.output.line("partition \(repair.partition): \(report.description)")
            }
            if let problem = repair.problem {
                context.output.line(
                    "partition \(repair.partition): truncated at offset \(problem.offset) (\(problem.reason)); "
                        + "dropped \(repair.droppedRecords) record\(repair.droppedRecords == 1 ? "" : "s")")
            } else {
                context.output.line("partition \(repair.partition): ok, nothing to repair")
            }
        }
    }
}

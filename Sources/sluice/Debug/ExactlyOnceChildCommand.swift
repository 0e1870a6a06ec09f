import ArgumentParser
import Foundation
import SluiceEngine
import SluiceLog

/// A persistent query under load, for the exactly-once crash test: it appends input while a
/// CSAS over two partitions processes it with threads and commits, until every row is in and
/// processed (then it exits 0) or it is killed. Started again, it resumes both.
struct ExactlyOnceChildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eos-child",
        abstract: "Append input and run a CSAS until done or killed (for the exactly-once crash test).",
        shouldDisplay: false)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Input rows in total.") var rows = 20_000
    @Option(help: "Input rows appended per millisecond at most.") var rowsPerMillisecond = 10

    static let setup = """
        CREATE STREAM input (id INT KEY, v BIGINT) WITH (kafka_topic='eos_in', value_format='JSON', partitions=2);
        CREATE STREAM output AS SELECT id, v, v * 2 AS doubled, 'row-' + CAST(v AS STRING) AS label
            FROM input WHERE v % 7 <> 3;
        """

    /// Input row `i`: its key and value, and the partition Kafka's partitioner gives the key.
    static func row(_ index: Int) -> (key: [UInt8], value: [UInt8], partition: Int) {
        let id = Int32(index % 50)
        let key = withUnsafeBytes(of: id.bigEndian) { Array($0) }
        return (key, Array("{\"V\":\(index)}".utf8), LogStore.partition(forKey: key, partitionCount: 2))
    }

    func run() throws {
        let lock = try DataDirectoryLock(directory: global.dataDirectory, command: "sluice eos-child")
        defer { withExtendedLifetime(lock) {} }
        let engine = try Engine(options: EngineOptions(
            dataDirectory: global.dataDirectory, execution: .threaded(threads: 2, commitIntervalMilliseconds: 40)))
        if engine.catalog.source(named: "OUTPUT") == nil {
            var failure: String?
            engine.execute(Self.setup, name: "setup", session: Session()) { outcome in
                if case .failure(let error) = outcome.result { failure = error.description }
            }
            if let failure { throw CommandFailure(failure, exitCode: 1) }
        }
        // Each partition's input is the sequence of rows its key hash picks, so a restart resumes a
        // partition from its end offset and the input never depends on when the process died.
        var plan: [[Int]] = [[], []]
        for index in 0..<rows { plan[Self.row(index).partition].append(index) }
        var next = try (0..<2).map { Int(try engine.store.endOffset(TopicPartition("eos_in", $0))) }
        let builders = [RecordBatchBuilder(), RecordBatchBuilder()]
        while next[0] < plan[0].count || next[1] < plan[1].count {
            for partition in 0..<2 where next[partition] < plan[partition].count {
                let end = min(next[partition] + rowsPerMillisecond, plan[partition].count)
                for index in plan[partition][next[partition]..<end] {
                    let row = Self.row(index)
                    builders[partition].append(key: row.key, value: row.value, timestamp: Int64(index))
                }
                _ = try engine.store.append(builders[partition], to: TopicPartition("eos_in", partition))
                builders[partition].reset()
                next[partition] = end
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        while engine.job(engine.catalog.queries.keys.first ?? "")?.positions != next.map(Int64.init) {
            Thread.sleep(forTimeInterval: 0.01)
        }
        engine.close()
        print("done")
    }
}

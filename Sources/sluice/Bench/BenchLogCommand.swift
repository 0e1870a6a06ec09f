import ArgumentParser
import Foundation
import SluiceLog

/// `sluice bench log`: the log store's throughput, read speed, wake-up latency and open time,
/// beside the raw write speed of the same disk.
struct BenchLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Benchmark the built-in log (build with -c release).",
        discussion: """
            Appends 100-byte records (8-byte key, 92-byte value) in batches of 1,000 to one partition
            without fsync, reads them back with CRC checks and a hash over every key and value byte,
            appends 1 KB records beside a raw 1 MiB write() baseline on the same disk, measures how
            long a tailing reader takes to wake up at 10k appends/s, and times opening a topic of
            1,000 segments. Targets are printed beside each figure.
            """)

    enum Part: String, CaseIterable, ExpressibleByArgument {
        case append, raw, large, latency, open
    }

    @Option(help: "Where to write (on the disk to measure); removed afterwards.") var directory = "./sluice-bench"
    @Flag(help: "Fewer records and samples, for a quick check.") var quick = false
    @Option(help: "How many 100-byte records to append (default 10,000,000; 4,000,000 with --quick).")
    var records: Int?
    @Option(
        help: "Run only these parts: append (and read back), raw, large (with raw), latency, open.",
        transform: { text in
            try text.split(separator: ",").map { name in
                guard let part = Part(rawValue: String(name)) else { throw ValidationError("unknown part '\(name)'") }
                return part
            }
        })
    var only: [Part] = Part.allCases

    func run() throws {
        try reportFailures {
            let root = directory + "/run-\(getpid())"
            try? FileManager.default.removeItem(atPath: root)
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: root) }
            try measure(in: root)
        }
    }

    private func measure(in root: String) throws {
        // Sizes stay well below the kernel's dirty-page limits (10-20% of memory), so the figures measure the
        // log and the page cache rather than write-back throttling by the disk.
        let smallCount = records ?? (quick ? 4_000_000 : 10_000_000)
        let largeCount = quick ? 500_000 : 1_000_000
        let rawBytes = quick ? 512 << 20 : 1024 << 20
        let samples = quick ? 20_000 : 100_000
        let partition = TopicPartition("bench", 0)
        print("sluice bench log: CRC32C \(CRC32C.usesHardware ? "SSE4.2" : "table"), no fsync, data in \(directory)")

        if only.contains(.append) {
            let store = try LogStore(directory: root + "/small", options: LogBenchmarks.options())
            try store.createTopic("bench")
            let small = try LogBenchmarks.append(
                store: store, to: partition, count: smallCount, valueSize: 92, batch: 1000)
            report(
                "append 100-byte records, batches of 1,000",
                "\(millions(small.recordsPerSecond)) M records/s  \(mb(small.megabytesPerSecond)) MB/s",
                "\(grouped(smallCount)) records, \(cpu(small)); target >= 10 M/s: \(verdict(small.recordsPerSecond >= 10e6))"
            )
            let (read, hash) = try LogBenchmarks.readBack(store: store, partition: partition, expected: smallCount)
            report(
                "read back: CRC checks + hash of keys and values",
                "\(millions(read.recordsPerSecond)) M records/s  \(mb(read.megabytesPerSecond)) MB/s",
                "all \(grouped(read.records)) verified, hash \(String(hash, radix: 16)), \(cpu(read)); target >= 20 M/s: "
                    + verdict(read.recordsPerSecond >= 20e6))
            // Skip the final sync: flushing gigabytes of page cache measures the disk, not the log.
            store.simulateCrash()
            try FileManager.default.removeItem(atPath: root + "/small")
        }

        if only.contains(.raw) || only.contains(.large) {
            // Raw writes and 1 KB log appends alternate, three passes each after one warm-up pass, so both
            // see the same page cache and machine load; the medians are compared. Batches of 1,000 records
            // make 1 MiB appends, the size of the raw writes.
            _ = try LogBenchmarks.rawWrite(directory: root, bytes: rawBytes)
            var raws: [LogBenchmarks.Throughput] = []
            var logs: [LogBenchmarks.Throughput] = []
            for pass in 0..<3 {
                raws.append(try LogBenchmarks.rawWrite(directory: root, bytes: rawBytes))
                guard only.contains(.large) else { continue }
                let store = try LogStore(directory: root + "/large-\(pass)", options: LogBenchmarks.options())
                try store.createTopic("bench")
                logs.append(
                    try LogBenchmarks.append(
                        store: store, to: partition, count: largeCount, valueSize: 1016, batch: 1000))
                store.simulateCrash()
                try FileManager.default.removeItem(atPath: root + "/large-\(pass)")
            }
            let raw = raws.sorted { $0.megabytesPerSecond < $1.megabytesPerSecond }[1]
            report(
                "raw sequential write, 1 MiB write() calls", "\(mb(raw.megabytesPerSecond)) MB/s",
                "median of 3 passes of \(rawBytes >> 20) MiB, \(cpu(raw))")
            if !logs.isEmpty {
                let large = logs.sorted { $0.megabytesPerSecond < $1.megabytesPerSecond }[1]
                let ratio = large.megabytesPerSecond / raw.megabytesPerSecond
                report(
                    "append 1 KB records, batches of 1,000",
                    "\(mb(large.megabytesPerSecond)) MB/s = \(Int((ratio * 100).rounded()))% of raw",
                    "median of 3 passes of \(grouped(largeCount)) records, \(cpu(large)); target >= 50% of raw: "
                        + verdict(ratio >= 0.5))
            }
        }

        if only.contains(.latency) {
            let store = try LogStore(directory: root + "/latency", options: LogBenchmarks.options())
            try store.createTopic("bench")
            let latency = try LogBenchmarks.wakeupLatency(
                store: store, partition: partition, samples: samples, rate: 10_000)
            let p99 = latency.percentile(0.99)
            report(
                "append-to-wake-up latency at 10k appends/s",
                "p50 \(micros(latency.percentile(0.5)))  p99 \(micros(p99))  p99.9 \(micros(latency.percentile(0.999)))  "
                    + "max \(micros(latency.samples.last!))",
                "\(grouped(samples)) samples; target p99 < 1 ms: \(verdict(p99 < 1_000_000))")
            try store.close()
            let baseline = LogBenchmarks.semaphoreWakeupLatency(samples: samples, rate: 10_000)
            report(
                "  baseline: semaphore wake-up, no log",
                "p50 \(micros(baseline.percentile(0.5)))  p99 \(micros(baseline.percentile(0.99)))  "
                    + "p99.9 \(micros(baseline.percentile(0.999)))  max \(micros(baseline.samples.last!))",
                "what this machine's scheduler allows")
        }

        if only.contains(.open) {
            let open = try LogBenchmarks.openTime(directory: root + "/open", segments: 1000)
            report(
                "open a topic of \(grouped(open.segments)) segments",
                String(format: "%.0f ms clean, %.0f ms after a crash", open.clean * 1000, open.crashed * 1000),
                "target < 1 s: \(verdict(max(open.clean, open.crashed) < 1))")
        }
    }

    private func report(_ what: String, _ figure: String, _ note: String) {
        let label = what.padding(toLength: 48, withPad: " ", startingAt: 0)
        let value = figure.count >= 44 ? figure : figure.padding(toLength: 44, withPad: " ", startingAt: 0)
        print("\(label) \(value) (\(note))")
    }

    private func verdict(_ met: Bool) -> String { met ? "met" : "MISSED" }

    /// How much of the wall time this process had the CPU (other load on the machine lowers it), and for
    /// record counts the rate per CPU-second.
    private func cpu(_ throughput: LogBenchmarks.Throughput) -> String {
        let share = "cpu \(Int((throughput.cpuSeconds / throughput.seconds * 100).rounded()))%"
        guard throughput.records > 0, throughput.cpuSeconds > 0 else { return share }
        return share + " = \(millions(Double(throughput.records) / throughput.cpuSeconds)) M/cpu-s"
    }
    private func mb(_ value: Double) -> String { grouped(Int(value.rounded())) }
    private func millions(_ value: Double) -> String { String(format: "%.1f", value / 1e6) }

    private func micros(_ nanoseconds: UInt64) -> String {
        nanoseconds >= 1_000_000
            ? String(format: "%.2f ms", Double(nanoseconds) / 1e6)
            : String(format: "%.0f µs", Double(nanoseconds) / 1e3)
    }

    private func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}

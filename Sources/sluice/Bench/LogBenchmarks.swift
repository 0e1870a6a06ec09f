import Foundation
import SluiceLog

/// The measurements behind `sluice bench log`. Each works in its own directory and removes it.
enum LogBenchmarks {
    struct Throughput {
        var records: Int
        var payloadBytes: Int64
        var seconds: Double
        /// CPU seconds (user + system) the process used meanwhile; below `seconds` when other work took the CPU.
        var cpuSeconds: Double = 0

        var recordsPerSecond: Double { Double(records) / seconds }
        var megabytesPerSecond: Double { Double(payloadBytes) / seconds / 1e6 }
    }

    static func options() -> LogStoreOptions {
        var options = LogStoreOptions(syncMode: .never)
        options.runsBackgroundMaintenance = false
        return options
    }

    /// Sequential `write()` of `bytes` in 1 MiB calls to a new file, no fsync (the page cache, as the log sees it).
    static func rawWrite(directory: String, bytes: Int) throws -> Throughput {
        let path = directory + "/raw-write.bin"
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CommandFailure("cannot create \(path)", exitCode: 1) }
        defer {
            close(fd)
            unlink(path)
        }
        let chunk = 1 << 20
        // Incompressible-looking bytes from a cheap generator (getrandom per byte would dominate the setup).
        var data = [UInt8](repeating: 0, count: chunk)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in 0..<chunk {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            data[index] = UInt8(truncatingIfNeeded: state >> 56)
        }
        let cpu = cpuTime()
        let started = monotonicNanoseconds()
        try data.withUnsafeBytes { raw in
            for _ in 0..<(bytes / chunk) {
                guard write(fd, raw.baseAddress, chunk) == chunk else {
                    throw CommandFailure("write failed: \(String(cString: strerror(errno)))", exitCode: 1)
                }
            }
        }
        return Throughput(
            records: 0, payloadBytes: Int64(bytes), seconds: elapsed(since: started), cpuSeconds: cpuTime() - cpu)
    }

    /// Appends `count` records of an 8-byte key (the record number) and a value of `valueSize` bytes,
    /// `batch` records per append, through `RecordBatchBuilder` and `LogStore.append`.
    static func append(
        store: LogStore, to partition: TopicPartition, count: Int, valueSize: Int, batch: Int
    ) throws -> Throughput {
        let builder = RecordBatchBuilder(capacity: batch * (valueSize + 32) + 4096)
        var value = [UInt8](repeating: UInt8(ascii: "x"), count: valueSize)
        let cpu = cpuTime()
        let started = monotonicNanoseconds()
        try value.withUnsafeMutableBytes { valueBytes in
            for index in 0..<count {
                var key = UInt64(index).bigEndian
                valueBytes.storeBytes(of: key, as: UInt64.self)
                withUnsafeBytes(of: &key) { keyBytes in
                    builder.append(
                        key: keyBytes, value: UnsafeRawBufferPointer(valueBytes), timestamp: 1_764_064_800_000)
                }
                if builder.count == batch {
                    _ = try store.append(builder, to: partition)
                    builder.reset()
                }
            }
            if !builder.isEmpty { _ = try store.append(builder, to: partition) }
        }
        return Throughput(
            records: count, payloadBytes: Int64(count * (valueSize + 8)), seconds: elapsed(since: started),
            cpuSeconds: cpuTime() - cpu)
    }

    /// Reads a partition from the start (every batch CRC-checked by the store), hashing every key and value
    /// byte and checking that keys count up from 0 and each value starts with its key.
    static func readBack(store: LogStore, partition: TopicPartition, expected: Int) throws -> (Throughput, UInt64) {
        // Fetches of 256 KiB stay in the core's L2 cache while the CRC and the record loop run over them.
        let buffer = FetchBuffer(capacity: 256 << 10)
        var next: Int64 = 0
        var count = 0
        var bytes: Int64 = 0
        var hash: UInt64 = 0
        var mismatch = false
        let cpu = cpuTime()
        let started = monotonicNanoseconds()
        while true {
            let fetch = try store.read(
                partition, from: next, maxBytes: 256 << 10, isolation: .readCommitted, buffer: buffer)
            if fetch.isEmpty { break }
            try fetch.forEach { record in
                guard let key = record.key, let value = record.value, key.count == 8, value.count >= 8 else {
                    mismatch = true
                    return
                }
                let number = UInt64(bigEndian: key.loadUnaligned(as: UInt64.self))
                if number != UInt64(count) || value.loadUnaligned(as: UInt64.self) != key.loadUnaligned(as: UInt64.self)
                {
                    mismatch = true
                }
                hash = (hash &* 0x100_0000_01B3) ^ ByteHash.hash(key) ^ ByteHash.hash(value, seed: 0x9E37)
                bytes += Int64(key.count + value.count)
                count += 1
            }
            next = fetch.nextOffset
        }
        let seconds = elapsed(since: started)
        let cpuSeconds = cpuTime() - cpu
        guard !mismatch, count == expected else {
            throw CommandFailure(
                "read back \(count) records, expected \(expected)\(mismatch ? ", with wrong contents" : "")",
                exitCode: 1)
        }
        return (Throughput(records: count, payloadBytes: bytes, seconds: seconds, cpuSeconds: cpuSeconds), hash)
    }

    struct Latency {
        var samples: [UInt64]

        func percentile(_ fraction: Double) -> UInt64 {
            samples[min(samples.count - 1, Int(Double(samples.count) * fraction))]
        }
    }

    /// A tailing reader blocked in `waitForData` while a writer appends one record every 100 µs; each
    /// sample is the time from just before `append` to the reader holding the record.
    static func wakeupLatency(store: LogStore, partition: TopicPartition, samples: Int, rate: Int) throws -> Latency {
        let collected = LatencyCollector()
        let reader = Thread {
            let waiter = LogWaiter()
            let buffer = FetchBuffer(capacity: 1 << 16)
            var next: Int64 = 0
            var latencies: [UInt64] = []
            latencies.reserveCapacity(samples)
            do {
                while latencies.count < samples {
                    let fetch = try store.read(partition, from: next, maxBytes: 1 << 16, buffer: buffer)
                    let now = monotonicNanoseconds()
                    try fetch.forEach { record in
                        let sent = record.value!.loadUnaligned(as: UInt64.self)
                        latencies.append(now - sent)
                    }
                    next = fetch.nextOffset
                    if fetch.isEmpty {
                        _ = try store.waitForData([partition: next], timeout: .seconds(5), waiter: waiter)
                    }
                }
            } catch {
                standardError("latency reader failed: \(error)")
            }
            collected.finish(latencies)
        }
        reader.start()
        let builder = RecordBatchBuilder(capacity: 4096)
        var value = [UInt8](repeating: 0, count: 100)
        let interval = UInt64(1_000_000_000 / rate)
        let start = monotonicNanoseconds() + 10_000_000
        for index in 0..<samples {
            sleep(until: start + UInt64(index) * interval)
            builder.reset()
            let sent = monotonicNanoseconds()
            value.withUnsafeMutableBytes { $0.storeBytes(of: sent, as: UInt64.self) }
            builder.append(key: nil, value: value, timestamp: 0)
            _ = try store.append(builder, to: partition)
        }
        let latencies = collected.wait()
        guard latencies.count == samples else {
            throw CommandFailure("the latency reader saw \(latencies.count) of \(samples) records", exitCode: 1)
        }
        return Latency(samples: latencies.sorted())
    }

    /// The same schedule without the log: the writer stores a timestamp and signals a semaphore the
    /// reader waits on. It shows how fast this machine can wake a sleeping thread at all.
    static func semaphoreWakeupLatency(samples: Int, rate: Int) -> Latency {
        let collected = LatencyCollector()
        let semaphore = DispatchSemaphore(value: 0)
        let sent = SentTimes(count: samples)
        let reader = Thread {
            var latencies: [UInt64] = []
            latencies.reserveCapacity(samples)
            for index in 0..<samples {
                semaphore.wait()
                latencies.append(monotonicNanoseconds() - sent.value(at: index))
            }
            collected.finish(latencies)
        }
        reader.start()
        let interval = UInt64(1_000_000_000 / rate)
        let start = monotonicNanoseconds() + 10_000_000
        for index in 0..<samples {
            sleep(until: start + UInt64(index) * interval)
            sent.set(monotonicNanoseconds(), at: index)
            semaphore.signal()
        }
        return Latency(samples: collected.wait().sorted())
    }

    /// Builds a topic of `segments` segments, closes it, and times opening it again (all partitions
    /// recovered), after a clean close and after a crash.
    static func openTime(directory: String, segments: Int) throws -> (clean: Double, crashed: Double, segments: Int) {
        var options = options()
        options.segmentBytes = 64 << 10
        let partition = TopicPartition("segments", 0)
        let store = try LogStore(directory: directory, options: options)
        try store.createTopic("segments")
        let builder = RecordBatchBuilder()
        var value = [UInt8](repeating: UInt8(ascii: "s"), count: 100)
        while try store.describe("segments").partitions[0].segmentCount < segments {
            for _ in 0..<40 {
                builder.reset()
                for index in 0..<150 {
                    value.withUnsafeMutableBytes { $0.storeBytes(of: UInt64(index), as: UInt64.self) }
                    builder.append(key: nil, value: value, timestamp: 0)
                }
                _ = try store.append(builder, to: partition)
            }
        }
        let count = try store.describe("segments").partitions[0].segmentCount
        try store.close()

        func timedOpen() throws -> (Double, LogStore) {
            let started = monotonicNanoseconds()
            let reopened = try LogStore(directory: directory, options: options)
            try reopened.openPartitions(of: "segments")
            let end = try reopened.endOffset(partition)
            _ = try reopened.read(partition, from: 0, maxBytes: 1)
            _ = try reopened.read(partition, from: end - 1, maxBytes: 1)
            return (elapsed(since: started), reopened)
        }
        let (clean, first) = try timedOpen()
        first.simulateCrash()
        let (crashed, second) = try timedOpen()
        try second.close()
        return (clean, crashed, count)
    }

    /// User plus system CPU time of this process, in seconds.
    static func cpuTime() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func elapsed(since start: UInt64) -> Double {
        Double(monotonicNanoseconds() - start) / 1e9
    }

    private static func sleep(until deadline: UInt64) {
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
    }
}

/// Send times shared by the baseline's writer and reader (each slot is written before the signal that
/// lets the reader read it).
final class SentTimes: @unchecked Sendable {
    private let times: UnsafeMutablePointer<UInt64>

    init(count: Int) {
        times = .allocate(capacity: count)
        times.initialize(repeating: 0, count: count)
    }

    deinit { times.deallocate() }

    func set(_ value: UInt64, at index: Int) { times[index] = value }
    func value(at index: Int) -> UInt64 { times[index] }
}

/// Hands the latency reader's samples back to the writer thread.
final class LatencyCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var samples: [UInt64] = []

    func finish(_ samples: [UInt64]) {
        self.samples = samples
        done.signal()
    }

    func wait() -> [UInt64] {
        done.wait()
        return samples
    }
}

import ArgumentParser
import Foundation
import SluiceDatagen
import SluiceLog

/// `sluice datagen`: generates benchmark data.
struct DatagenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datagen",
        abstract: "Generate benchmark data.",
        subcommands: [NexmarkDatagenCommand.self]
    )
}

/// `sluice datagen nexmark --events N [--seed S] [--rate R] --out DIR`: Nexmark events as JSON lines.
struct NexmarkDatagenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nexmark",
        abstract: "Write Nexmark person, auction and bid events as JSON lines.",
        discussion: """
            Without --out, appends the events to the topics person, auction and bid of the data directory \
            (created with --partitions when missing; record timestamps are the events' dateTime). With \
            --out DIR, writes DIR/person/part-00000.json, DIR/auction/part-00000.json and \
            DIR/bid/part-00000.json instead, one JSON object per line, in the shape of \
            shared/bench/gen_nexmark.py's output, plus DIR/manifest.txt (existing part files are overwritten).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Partitions of topics created for the events (without --out).")
    var partitions: Int = 2

    @Option(help: "Total number of events (person:auction:bid = 1:3:46).")
    var events: Int64

    @Option(help: "Random seed; the same seed gives the same data on every machine.")
    var seed: UInt64 = 42

    @Option(help: "Events per second of event time (Nexmark's firstEventRate).")
    var rate: Double = NexmarkRules.defaultRate

    @Option(help: "Write JSON-lines files into this directory instead of the data directory's topics.")
    var out: String?

    func validate() throws {
        guard events >= 0 else { throw ValidationError("--events must be 0 or more, found \(events)") }
        guard rate > 0, rate.isFinite else { throw ValidationError("--rate must be a positive number, found \(rate)") }
        guard NexmarkRules.eventTimesFit(events: events, rate: rate) else {
            throw ValidationError("--events \(events) at --rate \(rate) would run event time past the year 9999")
        }
    }

    func run() throws {
        guard let out else { return try appendToTopics() }
        let generator = NexmarkGenerator(seed: seed, rate: rate)
        var files: [JSONLinesFile] = []
        for kind in NexmarkEventKind.allCases {
            files.append(try JSONLinesFile(directory: out + "/" + kind.topicName, name: "part-00000.json"))
        }
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<events {
            try generator.next { event, bytes in
                try files[event.kind.index].appendLine(bytes)
            }
        }
        for index in files.indices { try files[index].close() }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

        var counts: [String] = []
        var sizes: [String] = []
        for (kind, file) in zip(NexmarkEventKind.allCases, files) {
            counts.append("'\(kind.topicName)': \(file.lines)")
            sizes.append("'\(kind.topicName)': \(file.bytes)")
            print("\(kind.topicName): \(file.lines) events, \(file.bytes) bytes")
        }
        let total = files.reduce(0) { $0 + $1.bytes }
        let perSecond = seconds > 0 ? Double(events) / seconds : 0
        let megabytesPerSecond = Double(total) / 1e6 / max(seconds, 1e-9)
        print("total: \(events) events, \(total) bytes in \(String(format: "%.2f", seconds)) s "
            + "(\(String(format: "%.0f", perSecond)) events/s, \(String(format: "%.0f", megabytesPerSecond)) MB/s)")
        let manifest = "events=\(events) seed=\(seed) rate=\(rate) counts={\(counts.joined(separator: ", "))} "
            + "bytes={\(sizes.joined(separator: ", "))}\n"
        do {
            try manifest.write(toFile: out + "/manifest.txt", atomically: true, encoding: .utf8)
        } catch {
            throw DatagenError("cannot write \(out)/manifest.txt: \(error.localizedDescription)")
        }
    }
}

extension NexmarkDatagenCommand {
    /// Appends the events to the data directory's topics `person`, `auction` and `bid`.
    func appendToTopics() throws {
        guard partitions >= 1 else { throw ValidationError("--partitions must be at least 1") }
        try StoreSession.with(global) { session in
            for kind in NexmarkEventKind.allCases where !session.store.hasTopic(kind.topicName) {
                try session.store.createTopic(kind.topicName, config: TopicConfig(partitions: partitions))
            }
            let clock = ContinuousClock()
            let start = clock.now
            try BenchInput.generateNexmark(events: events, seed: seed, rate: rate, into: session.store)
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            for kind in NexmarkEventKind.allCases {
                print("\(kind.topicName): \(try BenchInput.recordCount(kind.topicName, store: session.store)) records")
            }
            print("appended \(events) events in \(String(format: "%.2f", seconds)) s "
                + "(\(String(format: "%.0f", Double(events) / max(seconds, 1e-9))) events/s)")
        }
    }
}

extension NexmarkEventKind {
    /// Position in `allCases`, used to pick the event's output file.
    fileprivate var index: Int {
        switch self {
        case .person: 0
        case .auction: 1
        case .bid: 2
        }
    }
}

/// A failure writing generated data, reported as a plain message.
struct DatagenError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A JSON-lines output file written through a 1 MiB buffer.
private struct JSONLinesFile {
    private static let flushThreshold = 1 << 20
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var lines = 0
    private(set) var bytes = 0

    init(directory: String, name: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw DatagenError("cannot create directory \(directory): \(error.localizedDescription)")
        }
        path = directory + "/" + name
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw DatagenError("cannot open \(path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    mutating func appendLine(_ line: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: line)
        buffer.append(UInt8(ascii: "\n"))
        lines += 1
        bytes += line.count + 1
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    mutating func close() throws {
        try flush()
        Foundation.close(descriptor)
    }

    private mutating func flush() throws {
        try buffer.withUnsafeBytes { pending in
            var offset = 0
            while offset < pending.count {
                let written = write(descriptor, pending.baseAddress! + offset, pending.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw DatagenError("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

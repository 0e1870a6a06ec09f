// SPDX-License-Identifier: Apache-2.0

/// What opening a partition found and fixed.
public struct RecoveryReport: Sendable, Equatable, CustomStringConvertible {
    public var topic: String
    public var partition: Int
    /// Whether the previous owner closed the partition cleanly.
    public var cleanShutdown: Bool
    /// Bytes cut from the end of the active segment (a torn or corrupt tail).
    public var truncatedBytes: Int64 = 0
    /// Why the tail was cut.
    public var truncationReason: String?
    /// The offset the partition ends at after the cut.
    public var truncatedAtOffset: Int64?
    /// Base offsets of segments whose index files were missing or invalid and were rebuilt.
    public var rebuiltIndexes: [Int64] = []
    /// Bad batches in data that had reached the disk: kept (never cut on open) and reported by
    /// reads; `sluice topic repair` cuts the partition at the first one.
    public var corruptStretches: [CorruptStretch] = []
    /// Whether the producer state had to be rebuilt by reading every segment (no usable snapshot).
    public var replayedWholeLog = false

    /// Whether anything was repaired.
    public var repairedAnything: Bool { truncatedBytes > 0 || !rebuiltIndexes.isEmpty || !corruptStretches.isEmpty }

    public var description: String {
        var parts: [String] = []
        if truncatedBytes > 0 {
            parts.append(
                "truncated \(truncatedBytes) bytes at offset \(truncatedAtOffset ?? -1) (\(truncationReason ?? "invalid tail"))"
            )
        }
        if !rebuiltIndexes.isEmpty {
            parts.append("rebuilt the index of \(rebuiltIndexes.count) segment(s)")
        }
        for stretch in corruptStretches {
            parts.append("corrupt batch at offset \(stretch.offset) (segment \(stretch.segment), byte \(stretch.position)): "
                + "\(stretch.reason); kept, reads report it, `sluice topic repair` cuts the partition there")
        }
        if parts.isEmpty { parts.append(cleanShutdown ? "clean" : "recovered after an unclean shutdown, nothing lost") }
        return "\(topic)-\(partition): " + parts.joined(separator: "; ")
    }
}

/// Opens a partition directory: finishes interrupted compactions, loads segments and indexes,
/// validates the active segment's tail (truncating a torn one), and rebuilds the producer state.
struct PartitionRecovery {
    static let cleanShutdownFile = "clean-shutdown"
    static let abortedIndexFile = "aborted.txnindex"
    /// Every offset below the one stored here was synced (written at each synced roll and at close).
    static let recoveryPointFile = "recovery-point"

    static func encodeRecoveryPoint(_ offset: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        appendBigEndian(offset, to: &bytes)
        appendBigEndian(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    static func readRecoveryPoint(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count == 12 else { return nil }
        return bytes.withUnsafeBytes { raw -> Int64? in
            guard loadBigEndian(raw.baseAddress!, 8, as: UInt32.self) == CRC32C.checksum(Array(bytes[0..<8])) else {
                return nil
            }
            return loadBigEndian(raw.baseAddress!, 0, as: Int64.self)
        }
    }

    let context: PartitionContext
    private var fileSystem: any LogFileSystem { context.fileSystem }
    private var directory: String { context.directory }

    init(context: PartitionContext) {
        self.context = context
    }

    struct Result {
        var writer: PartitionLog.Writer
        var published: PartitionLog.Published
        var report: RecoveryReport
    }

    func run() throws(LogError) -> Result {
        try fileSystem.createDirectory(directory)
        var names = try fileSystem.contentsOfDirectory(directory)
        try completeInterruptedCompactions(&names)
        for name in names where name.hasSuffix(".tmp") || name.hasSuffix(".cleaned") {
            try fileSystem.remove(path(name))
        }
        var bases = names.compactMap { Self.baseOffset(of: $0, suffix: ".log") }.sorted()
        let baseSet = Set(bases)
        for name in names {
            if let base = Self.baseOffset(of: name, suffix: ".index")
                ?? Self.baseOffset(of: name, suffix: ".timeindex"),
                !baseSet.contains(base)
            {
                try fileSystem.remove(path(name))
            }
        }
        let clean = names.contains(Self.cleanShutdownFile)
        var report = RecoveryReport(topic: context.topic, partition: context.partition, cleanShutdown: clean)
        if bases.isEmpty { bases = [0] }

        // Segments past the recovery point were not known to be synced when the owner stopped: after
        // an unclean stop, check every batch of them, and cut the log at the first bad one.
        let recoveryPoint = clean ? Int64.max : (Self.readRecoveryPoint(try readIfPresent(Self.recoveryPointFile)) ?? 0)
        var segments: [LogSegment] = []
        var index = 0
        while index < bases.count - 1 {
            let base = bases[index]
            let next = bases[index + 1]
            guard next > recoveryPoint else {
                segments.append(try loadClosedSegment(base: base, next: next, report: &report))
                index += 1
                continue
            }
            let (segment, problem) = try scanClosedSegment(
                base: base, next: next, isSynced: { $0 < recoveryPoint }, report: &report)
            guard let problem else {
                segments.append(segment)
                index += 1
                continue
            }
            // Cut here: this segment ends at the bad batch and becomes the active one.
            var dropped = try fileSystem.fileSize(segment.logPath) - segment.size
            for later in bases[(index + 1)...] {
                let laterPath = path(LogSegment.fileName(later, "log"))
                dropped += try fileSystem.fileSize(laterPath)
                try fileSystem.remove(laterPath)
                try fileSystem.remove(path(LogSegment.fileName(later, "index")))
                try fileSystem.remove(path(LogSegment.fileName(later, "timeindex")))
            }
            let file = try fileSystem.openFile(segment.logPath, create: false)
            try file.truncate(to: segment.size)
            try file.sync()
            report.truncatedBytes += dropped
            report.truncationReason = problem
            report.truncatedAtOffset = segment.nextOffset
            context.log(
                "\(context.name): truncated \(dropped) bytes at offset \(segment.nextOffset) (segment \(base)): \(problem)"
            )
            bases = Array(bases[...index])
        }
        let activeBase = bases[bases.count - 1]
        let activeFile = try fileSystem.openFile(path(LogSegment.fileName(activeBase, "log")), create: true)
        let snapshots = Set(names.compactMap { Self.baseOffset(of: $0, suffix: ".snapshot") })
        var abortedEntries = AbortedTransactionFile.decode(try readIfPresent(Self.abortedIndexFile))
        let abortedOnDisk = abortedEntries

        // A clean shutdown left indexes and a producer snapshot at the end offset: check only the tail
        // after the last index entry. Otherwise (or if that check fails) scan the whole active segment.
        var tail: ActiveTail?
        var producers = ProducerStateTable()
        if clean {
            let candidate = try validateTail(
                activeBase: activeBase, file: activeFile, trustIndexes: true, isSynced: { $0 < recoveryPoint })
            if candidate.outcomeWasComplete, snapshots.contains(candidate.segment.nextOffset),
                let table = ProducerStateTable.decodeSnapshot(
                    try readIfPresent(LogSegment.fileName(candidate.segment.nextOffset, "snapshot")))
            {
                tail = candidate
                producers = table
            }
        }
        if tail == nil {
            let snapshotAtBase =
                snapshots.contains(activeBase)
                ? ProducerStateTable.decodeSnapshot(try readIfPresent(LogSegment.fileName(activeBase, "snapshot")))
                : nil
            if let snapshotAtBase {
                producers = snapshotAtBase
                abortedEntries.removeAll { $0.lastOffset >= activeBase }
            } else {
                producers = ProducerStateTable()
                abortedEntries.removeAll()
                if !segments.isEmpty {
                    report.replayedWholeLog = true
                    for segment in segments {
                        try replay(segment: segment, producers: &producers, aborted: &abortedEntries)
                    }
                }
            }
            tail = try validateTail(
                activeBase: activeBase, file: activeFile, trustIndexes: false, isSynced: { $0 < recoveryPoint },
                replay: { header, bytes in
                    let marker = header.isControl ? TransactionMarker.decode(batch: bytes, header: header) : nil
                    if let aborted = producers.apply(header, marker: marker) { abortedEntries.append(aborted) }
                })
        }
        guard let tail else {
            throw LogError.corruptFile(path: directory, reason: "active segment could not be validated")
        }
        let active = tail.segment
        report.corruptStretches += tail.kept

        if let problem = tail.problem {
            let dropped = try activeFile.size() - active.size
            report.truncatedBytes += dropped
            report.truncationReason = problem
            report.truncatedAtOffset = active.nextOffset
            try activeFile.truncate(to: active.size)
            try activeFile.sync()
            context.log(
                "\(context.name): truncated \(dropped) bytes at offset \(active.nextOffset) (segment \(activeBase)): "
                    + problem)
        }
        active.syncedSize = active.size
        segments.append(active)

        let abortedFile = try fileSystem.openFile(path(Self.abortedIndexFile), create: true)
        if abortedEntries != abortedOnDisk {
            try abortedFile.truncate(to: 0)
            try abortedFile.write(abortedEntries.flatMap(AbortedTransactionFile.encode), at: 0)
            try abortedFile.sync()
        }
        for offset in snapshots where offset != activeBase {
            try fileSystem.remove(path(LogSegment.fileName(offset, "snapshot")))
        }
        if clean { try fileSystem.remove(path(Self.cleanShutdownFile)) }
        try fileSystem.syncDirectory(directory)
        for rebuilt in report.rebuiltIndexes {
            context.log("\(context.name): rebuilt the index of segment \(rebuilt)")
        }
        for stretch in report.corruptStretches {
            context.log("\(context.name): corrupt batch at offset \(stretch.offset) (segment \(stretch.segment), byte "
                + "\(stretch.position)): \(stretch.reason); kept: reads report it, `sluice topic repair` cuts it")
        }

        let start = segments[0].baseOffset
        let end = active.nextOffset
        let stable = max(start, min(producers.firstUnstableOffset ?? end, end))
        let writer = PartitionLog.Writer(
            active: active, activeFile: activeFile, nextOffset: end, producers: producers, abortedFile: abortedFile)
        let published = PartitionLog.Published(
            segments: segments, startOffset: start, endOffset: end, lastStableOffset: stable,
            aborted: AppendOnlyIndex(abortedEntries))
        return Result(writer: writer, published: published, report: report)
    }

    // MARK: Segments

    private func loadClosedSegment(
        base: Int64, next: Int64, report: inout RecoveryReport
    ) throws(LogError) -> LogSegment {
        let logPath = path(LogSegment.fileName(base, "log"))
        let size = try fileSystem.fileSize(logPath)
        let modified = try fileSystem.modificationTime(logPath)
        let offsetIndex = AppendOnlyIndex<OffsetIndexEntry>.decode(
            try readIfPresent(LogSegment.fileName(base, "index"), missing: [0xff]), logSize: size)
        let timeIndex = AppendOnlyIndex<TimeIndexEntry>.decode(
            try readIfPresent(LogSegment.fileName(base, "timeindex"), missing: [0xff]))
        if let offsetIndex, let timeIndex, size == 0 || timeIndex.count > 0 {
            let segment = LogSegment(
                baseOffset: base, directory: directory, fileSystem: fileSystem, size: size, nextOffset: next,
                offsetIndex: offsetIndex, timeIndex: timeIndex, maxTimestamp: timeIndex.last?.timestamp,
                lastModified: modified)
            segment.persistedOffsetEntries = offsetIndex.count
            segment.persistedTimeEntries = timeIndex.count
            return segment
        }
        // Missing or invalid index: rebuild it from the batches.
        let segment = LogSegment(
            baseOffset: base, directory: directory, fileSystem: fileSystem, size: 0, nextOffset: base,
            lastModified: modified)
        let file = try fileSystem.openFile(logPath, create: false)
        _ = try BatchScanner(file: file).scan(from: 0, to: size, firstOffset: base, verifyChecksums: false) { batch in
            segment.account(batch.header, at: batch.position, indexInterval: context.indexIntervalBytes)
        }
        segment.nextOffset = next
        if let max = segment.maxTimestamp, max > (segment.timeIndex.last?.timestamp ?? Int64.min) {
            segment.timeIndex.append(TimeIndexEntry(timestamp: max, relativeOffset: segment.lastBatchRelativeOffset))
        }
        // Keep the real file size: a corrupt stretch is reported when read, not silently hidden.
        segment.size = size
        try segment.persistIndexes(sync: context.syncsOnRoll)
        report.rebuiltIndexes.append(base)
        return segment
    }

    /// Reads every batch of a closed segment (CRC included), rebuilding its indexes; returns the segment
    /// cut at the first bad batch and why, or the whole segment and nil.
    private func scanClosedSegment(
        base: Int64, next: Int64, isSynced: (Int64) -> Bool, report: inout RecoveryReport
    ) throws(LogError) -> (LogSegment, String?) {
        let logPath = path(LogSegment.fileName(base, "log"))
        let modified = try fileSystem.modificationTime(logPath)
        let segment = LogSegment(
            baseOffset: base, directory: directory, fileSystem: fileSystem, size: 0, nextOffset: base,
            lastModified: modified)
        let file = try fileSystem.openFile(logPath, create: false)
        let fileSize = try file.size()
        let (outcome, kept) = try BatchScanner(file: file).scanKeepingSyncedCorruption(
            from: 0, to: fileSize, firstOffset: base, strictOffsets: !context.compacted, segmentBase: base,
            isSynced: isSynced, keepFramed: { segment.account($0, at: $1, indexInterval: context.indexIntervalBytes) }
        ) { batch in
            segment.account(batch.header, at: batch.position, indexInterval: context.indexIntervalBytes)
        }
        if case .invalid(_, _, let reason) = outcome { return (segment, reason) }
        report.corruptStretches += kept
        if !context.compacted && segment.nextOffset != next {
            return (segment, "segment ends at offset \(segment.nextOffset) but the next one starts at \(next)")
        }
        segment.nextOffset = next
        if let max = segment.maxTimestamp, max > (segment.timeIndex.last?.timestamp ?? Int64.min) {
            segment.timeIndex.append(TimeIndexEntry(timestamp: max, relativeOffset: segment.lastBatchRelativeOffset))
        }
        try segment.persistIndexes(sync: context.syncsOnRoll)
        return (segment, nil)
    }

    private struct ActiveTail {
        var segment: LogSegment
        var problem: String?
        var kept: [CorruptStretch] = []
        var outcomeWasComplete: Bool { problem == nil }
    }

    /// Scans the active segment from its last index entry (trusting the indexes) or from the start
    /// (rebuilding them), checking every batch's CRC. A bad batch at an offset `isSynced` says had
    /// reached the disk is kept; otherwise the returned segment ends at the last valid batch.
    private func validateTail(
        activeBase: Int64, file: any LogFile, trustIndexes: Bool, isSynced: (Int64) -> Bool,
        replay: (RecordBatchHeader, UnsafeRawPointer) -> Void = { _, _ in }
    ) throws(LogError) -> ActiveTail {
        let fileSize = try file.size()
        let modified = try fileSystem.modificationTime(path(LogSegment.fileName(activeBase, "log")))
        let segment = LogSegment(
            baseOffset: activeBase, directory: directory, fileSystem: fileSystem, size: 0, nextOffset: activeBase,
            lastModified: modified, file: file)
        var scanStart: Int64 = 0
        var firstOffset = activeBase
        if trustIndexes,
            var offsetIndex = AppendOnlyIndex<OffsetIndexEntry>.decode(
                try readIfPresent(LogSegment.fileName(activeBase, "index"), missing: [0xff]), logSize: fileSize),
            let timeIndex = AppendOnlyIndex<TimeIndexEntry>.decode(
                try readIfPresent(LogSegment.fileName(activeBase, "timeindex"), missing: [0xff]))
        {
            if let last = offsetIndex.last {
                // Re-add the last entry through the scan, so the segment's bookkeeping matches.
                offsetIndex.truncate(to: offsetIndex.count - 1)
                scanStart = Int64(last.position)
                firstOffset = activeBase + Int64(last.relativeOffset)
            }
            segment.offsetIndex = offsetIndex
            segment.timeIndex = timeIndex
            segment.maxTimestamp = timeIndex.last?.timestamp
            segment.persistedOffsetEntries = offsetIndex.count
            segment.persistedTimeEntries = timeIndex.count
            segment.size = scanStart
            segment.nextOffset = firstOffset
            segment.bytesSinceIndexEntry = scanStart == 0 ? 0 : context.indexIntervalBytes
        }
        let (outcome, kept) = try BatchScanner(file: file).scanKeepingSyncedCorruption(
            from: scanStart, to: fileSize, firstOffset: firstOffset, strictOffsets: true, segmentBase: activeBase,
            isSynced: isSynced, keepFramed: { segment.account($0, at: $1, indexInterval: context.indexIntervalBytes) }
        ) { batch in
            segment.account(batch.header, at: batch.position, indexInterval: context.indexIntervalBytes)
            replay(batch.header, batch.bytes)
        }
        switch outcome {
        case .complete:
            return ActiveTail(segment: segment, problem: nil, kept: kept)
        case .invalid(let position, _, let reason):
            segment.size = position
            return ActiveTail(segment: segment, problem: reason, kept: kept)
        }
    }

    /// Applies a closed segment's transactional batches to the producer state (when no snapshot exists).
    private func replay(
        segment: LogSegment, producers: inout ProducerStateTable, aborted: inout [AbortedTransaction]
    ) throws(LogError) {
        let file = try segment.file()
        _ = try BatchScanner(file: file).scan(
            from: 0, to: segment.size, firstOffset: segment.baseOffset, verifyChecksums: false
        ) { batch in
            guard batch.header.producerId >= 0 else { return }
            let marker =
                batch.header.isControl ? TransactionMarker.decode(batch: batch.bytes, header: batch.header) : nil
            if let entry = producers.apply(batch.header, marker: marker) { aborted.append(entry) }
        }
    }

    // MARK: Compaction leftovers

    /// Finishes a compaction that wrote `<base>.<end>.swap` but crashed before swapping it in: the
    /// swap file was synced before any old segment was removed, so it replaces segments `base..<end`.
    private func completeInterruptedCompactions(_ names: inout [String]) throws(LogError) {
        for name in names where name.hasSuffix(".swap") {
            let parts = name.dropLast(5).split(separator: ".")
            guard parts.count == 2, let base = Int64(parts[0]), let end = Int64(parts[1]) else {
                try fileSystem.remove(path(name))
                continue
            }
            for other in names {
                guard
                    let otherBase = Self.baseOffset(of: other, suffix: ".log")
                        ?? Self.baseOffset(of: other, suffix: ".index")
                        ?? Self.baseOffset(of: other, suffix: ".timeindex"),
                    otherBase >= base, otherBase < end
                else { continue }
                try fileSystem.remove(path(other))
            }
            try fileSystem.rename(path(name), to: path(LogSegment.fileName(base, "log")))
            context.log("\(context.name): finished an interrupted compaction of offsets \(base)..<\(end)")
        }
        names = try fileSystem.contentsOfDirectory(directory)
    }

    // MARK: Helpers

    private func path(_ name: String) -> String { directory + "/" + name }

    private func readIfPresent(_ name: String, missing: [UInt8] = []) throws(LogError) -> [UInt8] {
        let full = path(name)
        guard fileSystem.exists(full) else { return missing }
        return try fileSystem.openFile(full, create: false).readAll()
    }

    /// The base offset in a name like `00000000000000001234.log`.
    static func baseOffset(of name: String, suffix: String) -> Int64? {
        guard name.hasSuffix(suffix) else { return nil }
        let stem = name.dropLast(suffix.count)
        guard stem.count == 20, stem.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(stem)
    }
}

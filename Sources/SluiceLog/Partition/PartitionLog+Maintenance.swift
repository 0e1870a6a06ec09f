// SPDX-License-Identifier: Apache-2.0

/// The result of checking every batch of a partition.
public struct PartitionVerification: Sendable, Equatable {
    /// The first bad batch found.
    public struct Problem: Sendable, Equatable {
        /// The offset the bad batch should start at.
        public var offset: Int64
        /// The base offset of the segment holding it.
        public var segment: Int64
        /// Its byte position in that segment.
        public var position: Int64
        public var reason: String
    }

    public var partition: Int
    public var segments: Int
    public var batches: Int
    public var records: Int
    public var bytes: Int64
    /// The first bad batch, or nil when every batch is sound.
    public var problem: Problem?
}

extension PartitionLog {
    /// Offsets, size, segment count and timestamps.
    func describe() throws(LogError) -> PartitionDescription {
        let (segments, start, end, stable) = published.withLock { state in
            (state.segments.map(SegmentSnapshot.init), state.startOffset, state.endOffset, state.lastStableOffset)
        }
        var first: Int64?
        if let firstNonEmpty = segments.first(where: { $0.size >= Int64(RecordBatchHeader.size) }) {
            let file = try firstNonEmpty.segment.file()
            let bytes = try file.readAll(at: 0, count: RecordBatchHeader.size)
            if bytes.count == RecordBatchHeader.size {
                first = bytes.withUnsafeBytes { RecordBatchHeader(parsing: $0.baseAddress!).baseTimestamp }
            }
        }
        return PartitionDescription(
            partition: partition, startOffset: start, endOffset: end, lastStableOffset: stable,
            bytes: segments.reduce(0) { $0 + $1.size }, segmentCount: segments.count, firstTimestamp: first,
            lastTimestamp: segments.compactMap(\.maxTimestamp).max())
    }

    /// Reads every batch of every segment, checking framing, offsets and CRCs; stops at the first bad one.
    func verify() throws(LogError) -> PartitionVerification {
        let segments = published.withLock { state in state.segments.map(SegmentSnapshot.init) }
        var result = PartitionVerification(
            partition: partition, segments: segments.count, batches: 0, records: 0, bytes: 0)
        var expected = segments.first?.segment.baseOffset ?? 0
        for snapshot in segments {
            let segment = snapshot.segment
            expected = max(expected, segment.baseOffset)
            let outcome = try BatchScanner(file: try segment.file()).scan(
                from: 0, to: snapshot.size, firstOffset: expected, verifyChecksums: true,
                strictOffsets: !context.compacted
            ) { batch in
                result.batches += 1
                result.records += Int(batch.header.recordCount)
                result.bytes += Int64(batch.header.totalSize)
                expected = batch.header.nextOffset
            }
            if case .invalid(let position, let offset, let reason) = outcome {
                result.problem = .init(offset: offset, segment: segment.baseOffset, position: position, reason: reason)
                return result
            }
            if !context.compacted && expected != snapshot.nextOffset && snapshot.size > 0 {
                result.problem = .init(
                    offset: expected, segment: segment.baseOffset, position: snapshot.size,
                    reason: "segment ends at offset \(expected) but the next segment starts at \(snapshot.nextOffset)")
                return result
            }
        }
        return result
    }

    /// Cuts the partition at a bad batch: later segments are deleted, the bad segment is truncated, and
    /// the producer state is rebuilt from scratch on the next open. The partition must be closed
    /// (abandoned) first; returns the number of offsets dropped.
    static func truncate(
        context: PartitionContext, at problem: PartitionVerification.Problem, endOffset: Int64
    ) throws(LogError) -> Int64 {
        let fileSystem = context.fileSystem
        let directory = context.directory
        for name in try fileSystem.contentsOfDirectory(directory) {
            if let base = PartitionRecovery.baseOffset(of: name, suffix: ".log"), base > problem.segment {
                try fileSystem.remove(directory + "/" + name)
            } else if name.hasSuffix(".snapshot") || name.hasSuffix(".index") || name.hasSuffix(".timeindex")
                || name == PartitionRecovery.abortedIndexFile || name == PartitionRecovery.cleanShutdownFile
            {
                // Derived files: rebuilt by the next open, which replays the whole log.
                try fileSystem.remove(directory + "/" + name)
            }
        }
        let file = try fileSystem.openFile(directory + "/" + LogSegment.fileName(problem.segment, "log"), create: false)
        try file.truncate(to: problem.position)
        try file.sync()
        try fileSystem.syncDirectory(directory)
        return max(0, endOffset - problem.offset)
    }

    // MARK: Retention

    /// Deletes whole segments older than `retentionMs` (by their newest record) or beyond
    /// `retentionBytes` (oldest first). The active segment is rolled first when it is itself expired.
    /// Returns the number of segments deleted.
    func enforceRetention(retentionMs: Int64?, retentionBytes: Int64?, now: Int64) throws(LogError) -> Int {
        guard retentionMs != nil || retentionBytes != nil else { return 0 }
        let removed = try writer.withLock { (writer) throws(LogError) -> [LogSegment] in
            guard !writer.closed else { return [] }
            if let retentionMs, writer.active.size > 0, let newest = writer.active.maxTimestamp,
                newest < now - retentionMs
            {
                try roll(&writer, now: now)
            }
            let active = writer.active
            return published.withLock { state -> [LogSegment] in
                var total = state.segments.reduce(Int64(0)) { $0 + $1.size }
                var doomed = 0
                for segment in state.segments where segment !== active {
                    let expired = retentionMs.map { (segment.maxTimestamp ?? Int64.min) < now - $0 } ?? false
                    let oversized = retentionBytes.map { total - segment.size >= $0 } ?? false
                    guard expired || oversized else { break }
                    total -= segment.size
                    doomed += 1
                }
                guard doomed > 0 else { return [] }
                let removed = Array(state.segments[0..<doomed])
                // Readers holding these segments keep reading through the open descriptors.
                for segment in removed { segment.ensureOpen() }
                state.segments.removeFirst(doomed)
                state.startOffset = state.segments[0].baseOffset
                state.lastStableOffset = max(state.lastStableOffset, state.startOffset)
                return removed
            }
        }
        guard !removed.isEmpty else { return 0 }
        for segment in removed { try segment.removeFiles() }
        try context.fileSystem.syncDirectory(context.directory)
        context.log("\(context.name): retention deleted \(removed.count) segment(s)")
        return removed.count
    }
}

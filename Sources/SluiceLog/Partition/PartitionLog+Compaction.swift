// SPDX-License-Identifier: Apache-2.0

/// What one compaction of a partition did.
public struct CompactionResult: Sendable, Equatable {
    public var partition: Int
    public var segmentsBefore = 0
    public var segmentsAfter = 0
    public var recordsRemoved = 0
    public var tombstonesRemoved = 0
    public var bytesBefore: Int64 = 0
    public var bytesAfter: Int64 = 0
}

extension PartitionLog {
    /// Keeps only the latest record per key in the closed segments below the last stable offset, as
    /// Kafka's log cleaner does.
    ///
    /// Offsets never change: kept records stay in their batches (rewritten with fewer records) and
    /// consecutive segments are merged while they fit in one segment. Tombstones (null values) are
    /// kept until `tombstoneRetentionMs` after their segment was last written, so slow readers still
    /// see the delete; aborted transactional data and transaction markers are dropped. Records without
    /// a key are kept. Each merged segment is written to `<base>.<end>.swap` and synced before any old
    /// segment is removed; recovery finishes an interrupted swap.
    func compact(tombstoneRetentionMs: Int64, now: Int64) throws(LogError) -> CompactionResult {
        let (candidates, aborted) = published.withLock { state -> ([SegmentSnapshot], [AbortedTransaction]) in
            let closed = state.segments.dropLast().prefix { $0.nextOffset <= state.lastStableOffset }
            return (closed.map(SegmentSnapshot.init), (0..<state.aborted.count).map { state.aborted[$0] })
        }
        var result = CompactionResult(partition: partition)
        result.segmentsBefore = candidates.count
        guard !candidates.isEmpty else { return result }
        let isAborted = { (header: RecordBatchHeader) -> Bool in
            header.isTransactional
                && aborted.contains {
                    $0.producerId == header.producerId && $0.firstOffset <= header.baseOffset
                        && header.baseOffset <= $0.lastOffset
                }
        }

        // Pass 1: the latest offset of every key.
        var latest: [UInt64: Int64] = [:]
        for snapshot in candidates {
            try scanForCompaction(snapshot) { (header, batch) throws(LogError) in
                guard !header.isControl, !isAborted(header) else { return }
                try walkRecordSpans(batch, header) { _, offset, key, _ in
                    if let key { latest[ByteHash.hash(key)] = offset }
                }
            }
        }

        // Pass 2: rewrite groups of consecutive segments that fit in one segment.
        var groups: [[SegmentSnapshot]] = []
        for snapshot in candidates {
            if var group = groups.last, let first = group.first,
                group.reduce(Int64(0), { $0 + $1.size }) + snapshot.size <= context.segmentBytes,
                snapshot.nextOffset - first.segment.baseOffset < Int64(Int32.max)
            {
                group.append(snapshot)
                groups[groups.count - 1] = group
            } else {
                groups.append([snapshot])
            }
        }
        for group in groups {
            result.bytesBefore += group.reduce(0) { $0 + $1.size }
            let rewritten = try rewrite(
                group, latest: latest, isAborted: isAborted, tombstoneRetentionMs: tombstoneRetentionMs, now: now)
            result.recordsRemoved += rewritten.recordsRemoved
            result.tombstonesRemoved += rewritten.tombstonesRemoved
            result.bytesAfter += rewritten.size
        }
        result.segmentsAfter = groups.count
        if result.recordsRemoved > 0 {
            context.log("\(context.name): compaction removed \(result.recordsRemoved) record(s)")
        }
        return result
    }

    private struct Rewritten {
        var size: Int64
        var recordsRemoved: Int
        var tombstonesRemoved: Int
    }

    private func rewrite(
        _ group: [SegmentSnapshot], latest: [UInt64: Int64], isAborted: (RecordBatchHeader) -> Bool,
        tombstoneRetentionMs: Int64, now: Int64
    ) throws(LogError) -> Rewritten {
        let fileSystem = context.fileSystem
        let base = group[0].segment.baseOffset
        let end = group[group.count - 1].nextOffset
        let swapPath = context.directory + "/" + LogSegment.swapFileName(base: base, end: end)
        let swap = try fileSystem.openFile(swapPath, create: true)
        try swap.truncate(to: 0)
        // The merged segment counts as last written when the newest of its sources was (tombstone expiry).
        let modified = published.withLock { _ in group.map(\.segment.lastModified).max()! }
        let merged = LogSegment(
            baseOffset: base, directory: context.directory, fileSystem: fileSystem, size: 0, nextOffset: base,
            lastModified: modified, file: swap)
        var removed = 0
        var tombstones = 0
        for snapshot in group {
            let tombstonesExpire = snapshot.segment.lastModified + tombstoneRetentionMs <= now
            try scanForCompaction(snapshot) { (header, batch) throws(LogError) in
                if header.isControl || isAborted(header) {
                    removed += header.isControl ? 0 : Int(header.recordCount)
                    return
                }
                // Collect the spans of the records to keep.
                var kept: [(Range<Int>, Int64)] = []
                var keptTimestamp = Int64.min
                try walkRecordSpans(batch, header) { (span, offset, key, record) throws(LogError) in
                    let superseded = key.map { latest[ByteHash.hash($0)] != offset } ?? false
                    let expiredTombstone = key != nil && record.value == nil && tombstonesExpire
                    if superseded || expiredTombstone {
                        removed += 1
                        if expiredTombstone && !superseded { tombstones += 1 }
                    } else {
                        kept.append((span, offset))
                        keptTimestamp = max(keptTimestamp, record.timestamp)
                    }
                }
                guard !kept.isEmpty else { return }
                let position = merged.size
                if kept.count == Int(header.recordCount) {
                    try swap.write(UnsafeRawBufferPointer(start: batch, count: header.totalSize), at: position)
                    merged.account(header, at: position, indexInterval: context.indexIntervalBytes)
                    return
                }
                let bytes = rebuiltBatch(batch, header, kept: kept, maxTimestamp: keptTimestamp)
                try swap.write(bytes, at: position)
                let rebuilt = bytes.withUnsafeBytes { RecordBatchHeader(parsing: $0.baseAddress!) }
                merged.account(rebuilt, at: position, indexInterval: context.indexIntervalBytes)
            }
        }
        merged.nextOffset = end
        published.withLock { _ in sealTimeIndex(merged) }
        try swap.sync()

        let replaced = published.withLock { state -> Bool in
            guard let first = state.segments.firstIndex(where: { $0 === group[0].segment }),
                first + group.count <= state.segments.count,
                zip(state.segments[first..<(first + group.count)], group).allSatisfy({ $0 === $1.segment })
            else { return false }
            for snapshot in group { snapshot.segment.ensureOpen() }
            state.segments.replaceSubrange(first..<(first + group.count), with: [merged])
            return true
        }
        guard replaced else {
            // Retention deleted these segments meanwhile; the swap file is no longer needed.
            try fileSystem.remove(swapPath)
            return Rewritten(size: group.reduce(0) { $0 + $1.size }, recordsRemoved: 0, tombstonesRemoved: 0)
        }
        for snapshot in group { try snapshot.segment.removeFiles() }
        try fileSystem.rename(swapPath, to: merged.logPath)
        try fileSystem.setModificationTime(merged.logPath, to: modified)
        try merged.persistIndexes(sync: true)
        try fileSystem.syncDirectory(context.directory)
        return Rewritten(size: merged.size, recordsRemoved: removed, tombstonesRemoved: tombstones)
    }

    /// A copy of `batch` holding only the `kept` records, with the same offsets and a new CRC.
    private func rebuiltBatch(
        _ batch: UnsafeRawPointer, _ header: RecordBatchHeader, kept: [(Range<Int>, Int64)], maxTimestamp: Int64
    ) -> [UInt8] {
        let size = RecordBatchHeader.size + kept.reduce(0) { $0 + $1.0.count }
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBytes { target in
            var position = RecordBatchHeader.size
            for (span, _) in kept {
                (target.baseAddress! + position).copyMemory(from: batch + span.lowerBound, byteCount: span.count)
                position += span.count
            }
            RecordBatchHeader.seal(
                target.baseAddress!, totalSize: size, baseOffset: header.baseOffset, attributes: header.attributes,
                lastOffsetDelta: header.lastOffsetDelta, baseTimestamp: header.baseTimestamp,
                maxTimestamp: maxTimestamp,
                producer: ProducerStamp(
                    producerId: header.producerId, epoch: header.producerEpoch, baseSequence: header.baseSequence),
                recordCount: Int32(kept.count))
        }
        return bytes
    }

    private func scanForCompaction(
        _ snapshot: SegmentSnapshot, _ visit: (RecordBatchHeader, UnsafeRawPointer) throws(LogError) -> Void
    ) throws(LogError) {
        let outcome = try BatchScanner(file: try snapshot.segment.file()).scan(
            from: 0, to: snapshot.size, firstOffset: snapshot.segment.baseOffset, verifyChecksums: true
        ) { (batch) throws(LogError) in try visit(batch.header, batch.bytes) }
        if case .invalid(_, let offset, let reason) = outcome {
            throw LogError.corruptBatch(topic: topic, partition: partition, offset: offset, reason: reason)
        }
    }

    /// Visits each record of a batch with its byte span, offset and key.
    private func walkRecordSpans(
        _ batch: UnsafeRawPointer, _ header: RecordBatchHeader,
        _ body: (Range<Int>, Int64, UnsafeRawBufferPointer?, RecordView) throws(LogError) -> Void
    ) throws(LogError) {
        var spans: [Range<Int>] = []
        var position = RecordBatchHeader.size
        for _ in 0..<Int(header.recordCount) {
            let start = position
            guard let length = Varint.readSigned(batch, &position, header.totalSize), length > 0,
                length <= header.totalSize - position
            else { break }
            position += Int(length)
            spans.append(start..<position)
        }
        var views: [RecordView] = []
        do {
            try forEachRecord(in: batch, header: header, skipBelow: Int64.min) { views.append($0) }
        } catch {
            throw LogError.corruptBatch(
                topic: topic, partition: partition, offset: header.baseOffset, reason: "malformed record")
        }
        guard views.count == spans.count else {
            throw LogError.corruptBatch(
                topic: topic, partition: partition, offset: header.baseOffset, reason: "malformed record")
        }
        for (span, view) in zip(spans, views) { try body(span, view.offset, view.key, view) }
    }
}

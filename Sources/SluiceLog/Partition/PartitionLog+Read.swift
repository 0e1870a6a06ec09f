// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PartitionLog {
    /// Reads whole batches from `offset` on, about `maxBytes` of them (at least one batch), never past
    /// the end visible at `isolation`. Every returned batch passed its framing, offset and CRC checks.
    func read(
        from offset: Int64, maxBytes: Int, isolation: IsolationLevel, buffer: FetchBuffer
    ) throws(LogError) -> FetchResult {
        let generation = buffer.claim(minimumCapacity: 0)
        var segmentIndex: Int?
        while true {
            let view = published.withLock { state in
                let index = segmentIndex ?? state.segmentIndex(for: offset)
                return (
                    start: state.startOffset, end: state.endOffset, stable: state.lastStableOffset,
                    upper: state.visibleEnd(isolation),
                    segment: index.flatMap { $0 < state.segments.count ? SegmentSnapshot(state.segments[$0]) : nil },
                    index: index, aborted: state.aborted, closed: state.closed
                )
            }
            if view.closed { throw LogError.closed }
            guard offset >= view.start, offset <= view.end else {
                throw LogError.offsetOutOfRange(
                    topic: topic, partition: partition, offset: offset, start: view.start, end: view.end)
            }
            func result(_ read: SegmentRead?, next: Int64) -> FetchResult {
                FetchResult(
                    topicPartition: TopicPartition(topic, partition), nextOffset: next, endOffset: view.end,
                    lastStableOffset: view.stable, byteCount: read?.count ?? 0, base: read?.base, owner: read?.owner,
                    buffer: read?.owner === buffer ? buffer : nil, generation: generation, firstOffset: offset,
                    isolation: isolation,
                    aborted: read == nil ? [] : relevantAborted(view.aborted, from: offset, to: next))
            }
            guard offset < view.upper, let segment = view.segment, let index = view.index else {
                return result(nil, next: offset)
            }
            let read: SegmentRead?
            if let mapping = try segment.segment.mapping(covering: segment.size, capacity: context.segmentBytes) {
                read = try readMapped(segment, mapping, from: offset, upper: view.upper, maxBytes: maxBytes)
            } else {
                read = try readBuffered(segment, from: offset, upper: view.upper, maxBytes: maxBytes, buffer: buffer)
            }
            if let read { return result(read, next: read.next) }
            // Every batch of this segment lies before `offset` (or it is empty): try the next one.
            segmentIndex = index + 1
        }
    }

    /// Batches read from one segment.
    struct SegmentRead {
        var base: UnsafeRawPointer
        var count: Int
        /// The offset after the last batch.
        var next: Int64
        var owner: AnyObject
    }

    /// Where the search for `offset` starts in a segment: the indexed position and the offset of its batch.
    private func searchStart(_ snapshot: SegmentSnapshot, for offset: Int64) -> (position: Int64, offset: Int64) {
        let base = snapshot.segment.baseOffset
        let relative = UInt32(clamping: max(0, offset - base))
        guard let entry = snapshot.offsetIndex.lastIndex(where: { $0.relativeOffset <= relative }) else {
            return (0, base)
        }
        return (Int64(snapshot.offsetIndex[entry].position), base + Int64(snapshot.offsetIndex[entry].relativeOffset))
    }

    /// Reads batches in place from a segment's memory mapping: nothing is copied.
    private func readMapped(
        _ snapshot: SegmentSnapshot, _ mapping: FileMapping, from offset: Int64, upper: Int64, maxBytes: Int
    ) throws(LogError) -> SegmentRead? {
        let base = mapping.base
        let size = snapshot.size
        let strict = !context.compacted
        var (position, expected) = searchStart(snapshot, for: offset)
        var first: RecordBatchHeader?
        while first == nil {
            guard position < size else { return nil }
            guard size - position >= Int64(RecordBatchHeader.size) else {
                throw corrupt(
                    expected, "segment \(snapshot.segment.baseOffset) ends inside a batch header at \(position)")
            }
            let header = RecordBatchHeader(parsing: base + Int(position))
            try check(header, expected: expected, strict: strict, available: size - position)
            if header.nextOffset > offset {
                first = header
            } else {
                expected = header.nextOffset
                position += Int64(header.totalSize)
            }
        }
        guard let first, first.baseOffset < upper else { return nil }
        let start = position
        var next = offset
        expected = first.baseOffset
        while position + Int64(RecordBatchHeader.size) <= size {
            let header = RecordBatchHeader(parsing: base + Int(position))
            // A bad batch after good ones ends this read; the read that starts at it reports it.
            do {
                try check(header, expected: expected, strict: strict, available: size - position)
            } catch {
                if position > start { break }
                throw error
            }
            if header.baseOffset >= upper || (position > start && position - start + Int64(header.totalSize) > maxBytes)
            {
                break
            }
            guard RecordBatchHeader.hasValidChecksum(base + Int(position), totalSize: header.totalSize) else {
                if position > start { break }
                throw corrupt(
                    header.baseOffset,
                    "checksum mismatch (segment \(snapshot.segment.baseOffset), position \(position))")
            }
            position += Int64(header.totalSize)
            next = header.nextOffset
            expected = next
        }
        return SegmentRead(base: base + Int(start), count: Int(position - start), next: next, owner: mapping)
    }

    /// Reads batches from one segment into the start of `buffer` (when the file layer cannot map).
    private func readBuffered(
        _ snapshot: SegmentSnapshot, from offset: Int64, upper: Int64, maxBytes: Int, buffer: FetchBuffer
    ) throws(LogError) -> SegmentRead? {
        let segment = snapshot.segment
        let file = try segment.file()
        var (position, expected) = searchStart(snapshot, for: offset)
        let strict = !context.compacted

        // Find the first batch that ends after `offset`, reading windows of the file.
        var window = 0
        var cursor = 0
        var found: RecordBatchHeader?
        while found == nil {
            if cursor + RecordBatchHeader.size > window {
                let filePosition = position + Int64(cursor)
                if filePosition >= snapshot.size { return nil }
                position = filePosition
                let want = Int(min(Int64(max(maxBytes, 16 << 10)), snapshot.size - position))
                buffer.grow(to: want, keeping: 0)
                window = try file.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: buffer.storage[0..<want]), at: position)
                cursor = 0
                if window < RecordBatchHeader.size {
                    throw corrupt(expected, "segment \(segment.baseOffset) ends inside a batch header at \(position)")
                }
            }
            let header = RecordBatchHeader(parsing: buffer.storage.baseAddress! + cursor)
            try check(header, expected: expected, strict: strict, available: snapshot.size - position - Int64(cursor))
            if header.nextOffset > offset {
                found = header
            } else {
                expected = header.nextOffset
                cursor += header.totalSize
            }
        }
        guard let first = found, first.baseOffset < upper else { return nil }

        // Move the first batch to the front and read up to `maxBytes` (at least the whole first batch).
        let start = position + Int64(cursor)
        let limit = Int(min(snapshot.size - start, Int64(max(maxBytes, first.totalSize))))
        let alreadyRead = min(window - cursor, limit)
        if cursor > 0 && alreadyRead > 0 {
            let base = buffer.storage.baseAddress!
            memmove(base, base + cursor, alreadyRead)
        }
        if limit > buffer.capacity { buffer.grow(to: limit, keeping: alreadyRead) }
        var filled = alreadyRead
        if filled < limit {
            filled += try file.read(
                into: UnsafeMutableRawBufferPointer(rebasing: buffer.storage[filled..<limit]), at: start + Int64(filled)
            )
        }

        // Keep whole batches below `upper`, checking each one's CRC.
        let base = UnsafeRawPointer(buffer.storage.baseAddress!)
        var kept = 0
        var next = offset
        expected = first.baseOffset
        while kept + RecordBatchHeader.size <= filled {
            let header = RecordBatchHeader(parsing: base + kept)
            do {
                try check(header, expected: expected, strict: strict, available: snapshot.size - start - Int64(kept))
            } catch {
                if kept > 0 { break }
                throw error
            }
            if header.baseOffset >= upper || kept + header.totalSize > filled { break }
            guard RecordBatchHeader.hasValidChecksum(base + kept, totalSize: header.totalSize) else {
                if kept > 0 { break }
                throw corrupt(
                    header.baseOffset,
                    "checksum mismatch (segment \(segment.baseOffset), position \(start + Int64(kept)))")
            }
            kept += header.totalSize
            next = header.nextOffset
            expected = next
        }
        if kept == 0 {
            throw corrupt(first.baseOffset, "segment \(segment.baseOffset) ends inside the batch at \(start)")
        }
        return SegmentRead(base: base, count: kept, next: next, owner: buffer)
    }

    /// Checks a batch header's framing and offset against what the previous batch implies.
    private func check(_ header: RecordBatchHeader, expected: Int64, strict: Bool, available: Int64) throws(LogError) {
        if let problem = header.framingProblem(available: Int(min(available, Int64(Int32.max)))) {
            throw corrupt(expected, problem)
        }
        if strict ? header.baseOffset != expected : header.baseOffset < expected {
            throw corrupt(expected, "batch claims offset \(header.baseOffset)")
        }
    }

    private func corrupt(_ offset: Int64, _ reason: String) -> LogError {
        LogError.corruptBatch(topic: topic, partition: partition, offset: offset, reason: reason)
    }

    /// Aborted transactions that overlap the offsets `from..<to`.
    private func relevantAborted(
        _ index: AppendOnlyIndex<AbortedTransaction>, from: Int64, to: Int64
    ) -> [AbortedTransaction] {
        guard index.count > 0 else { return [] }
        // Entries are sorted by their marker offset; only those ending at or after `from` can matter.
        let firstCandidate = (index.lastIndex(where: { $0.lastOffset < from }) ?? -1) + 1
        var result: [AbortedTransaction] = []
        for position in firstCandidate..<index.count where index[position].firstOffset < to {
            result.append(index[position])
        }
        return result
    }

    // MARK: Timestamps

    /// The earliest offset whose record timestamp is at least `timestamp`, or nil when there is none.
    func offset(forTimestamp timestamp: Int64) throws(LogError) -> Int64? {
        let snapshots = published.withLock { state in state.segments.map(SegmentSnapshot.init) }
        for snapshot in snapshots where (snapshot.maxTimestamp ?? Int64.min) >= timestamp {
            let segment = snapshot.segment
            let relative = snapshot.timeIndex.searchStart(forTimestamp: timestamp)
            let position = snapshot.offsetIndex.position(atOrBefore: relative)
            var answer: Int64?
            let file = try segment.file()
            _ = try BatchScanner(file: file).scan(
                from: position, to: snapshot.size, firstOffset: segment.baseOffset, verifyChecksums: true
            ) { batch in
                guard answer == nil, !batch.header.isControl, batch.header.maxTimestamp >= timestamp else { return }
                do {
                    try forEachRecord(in: batch.bytes, header: batch.header, skipBelow: Int64.min) { record in
                        if answer == nil && record.timestamp >= timestamp { answer = record.offset }
                    }
                } catch {
                    answer = batch.header.baseOffset
                }
            }
            if let answer { return answer }
        }
        return nil
    }
}

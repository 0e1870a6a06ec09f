// SPDX-License-Identifier: Apache-2.0

/// A bad stretch of a segment that recovery kept: synced data is never cut on open, so a flipped
/// bit there stays in the file and reads report it (`sluice topic repair` cuts it explicitly).
public struct CorruptStretch: Sendable, Equatable {
    /// The offset the first bad batch should have started at.
    public var offset: Int64
    /// The segment's base offset and the file position of the bad bytes.
    public var segment: Int64
    public var position: Int64
    public var reason: String
}

extension BatchScanner {
    /// Scans like `scan`, but a bad batch in the middle of data that reached the disk (at an offset
    /// `isSynced` accepts, with valid batches after it) is kept: the scan goes on at the next valid
    /// batch. A bad batch with nothing valid after it is a torn tail, and one in the unsynced part
    /// is what a crash leaves (Kafka cuts there too): both end the scan as `.invalid`, to be cut.
    ///
    /// - Returns: how the scan ended and the bad stretches it kept.
    func scanKeepingSyncedCorruption(
        from start: Int64, to end: Int64, firstOffset: Int64, strictOffsets: Bool, segmentBase: Int64,
        isSynced: (Int64) -> Bool, keepFramed: (RecordBatchHeader, Int64) -> Void,
        _ visit: (ScannedBatch) throws(LogError) -> Void
    ) throws(LogError) -> (outcome: ScanOutcome, kept: [CorruptStretch]) {
        var kept: [CorruptStretch] = []
        var position = start
        var expected = firstOffset
        while true {
            let outcome = try scan(
                from: position, to: end, firstOffset: expected, verifyChecksums: true, strictOffsets: strictOffsets,
                visit)
            guard case .invalid(let bad, let badOffset, let reason) = outcome, isSynced(badOffset) else {
                return (outcome, kept)
            }
            // A batch whose frame is whole (header sane, offsets where expected, bytes inside the file)
            // keeps its offsets, even at the very end: only its contents are bad.
            if let header = try framedBatch(at: bad, end: end, expectedOffset: badOffset) {
                kept.append(CorruptStretch(offset: badOffset, segment: segmentBase, position: bad, reason: reason))
                keepFramed(header, bad)
                position = bad + Int64(header.totalSize)
                expected = header.nextOffset
                continue
            }
            guard let next = try nextValidBatch(after: bad, end: end, minimumOffset: badOffset) else {
                return (outcome, kept)
            }
            kept.append(CorruptStretch(offset: badOffset, segment: segmentBase, position: bad, reason: reason))
            position = next.position
            expected = next.baseOffset
        }
    }

    /// The header of the batch at `position` when its frame is whole: a sane header claiming
    /// `expectedOffset`, and all its bytes before `end`; nil otherwise.
    func framedBatch(at position: Int64, end: Int64, expectedOffset: Int64) throws(LogError) -> RecordBatchHeader? {
        guard end - position >= Int64(RecordBatchHeader.size) else { return nil }
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: RecordBatchHeader.size, alignment: 16)
        defer { bytes.deallocate() }
        guard try file.read(into: bytes, at: position) == RecordBatchHeader.size else { return nil }
        let header = RecordBatchHeader(parsing: UnsafeRawPointer(bytes.baseAddress!))
        guard header.framingProblem(available: Int(min(end - position, Int64(Int32.max)))) == nil,
            header.baseOffset == expectedOffset
        else { return nil }
        return header
    }

    /// The first position after `position` where a whole, checksummed batch starting at offset
    /// `minimumOffset` or later begins; nil when there is none before `end`.
    func nextValidBatch(
        after position: Int64, end: Int64, minimumOffset: Int64
    ) throws(LogError) -> (position: Int64, baseOffset: Int64)? {
        var candidate = position + 1
        let window = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { window.deallocate() }
        while candidate + Int64(RecordBatchHeader.size) <= end {
            let count = try file.read(into: window, at: candidate)
            guard count >= RecordBatchHeader.size else { return nil }
            // Every start in this window whose header fits in it; the next window begins after them.
            let lastStart = count - RecordBatchHeader.size
            for offset in 0...lastStart {
                let at = candidate + Int64(offset)
                let base = UnsafeRawPointer(window.baseAddress! + offset)
                guard base.load(fromByteOffset: RecordBatchHeader.magicOffset, as: UInt8.self) == RecordBatchHeader.magic
                else { continue }
                let header = RecordBatchHeader(parsing: base)
                guard header.framingProblem(available: Int(min(end - at, Int64(Int32.max)))) == nil,
                    header.baseOffset >= minimumOffset
                else { continue }
                if offset + header.totalSize <= count {
                    if RecordBatchHeader.hasValidChecksum(base, totalSize: header.totalSize) { return (at, header.baseOffset) }
                } else {
                    // A batch longer than what is in the window: read it whole to check it.
                    let whole = UnsafeMutableRawBufferPointer.allocate(byteCount: header.totalSize, alignment: 16)
                    defer { whole.deallocate() }
                    if try file.read(into: whole, at: at) == header.totalSize,
                        RecordBatchHeader.hasValidChecksum(UnsafeRawPointer(whole.baseAddress!), totalSize: header.totalSize)
                    {
                        return (at, header.baseOffset)
                    }
                }
            }
            candidate += Int64(lastStart + 1)
        }
        return nil
    }
}

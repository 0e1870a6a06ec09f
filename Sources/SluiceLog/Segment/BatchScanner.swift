// SPDX-License-Identifier: Apache-2.0

/// A batch met while scanning a segment file.
struct ScannedBatch {
    let header: RecordBatchHeader
    /// Where the batch starts in the file.
    let position: Int64
    /// The whole batch, valid only during the visit.
    let bytes: UnsafeRawPointer
}

/// How a scan ended.
enum ScanOutcome: Equatable {
    /// Every batch up to `end` was valid.
    case complete(end: Int64)
    /// The batch at `position` is torn or corrupt; `expectedOffset` is where it should have started.
    case invalid(position: Int64, expectedOffset: Int64, reason: String)
}

/// Walks the batches of a segment file in order, checking framing, offsets and (optionally) CRCs.
///
/// Used by recovery (the tail of the active segment), by `verify` (every segment), and to rebuild
/// a missing index. It reads the file in large chunks and stops at the first batch that is
/// truncated, fails its checksum, or goes backwards in offsets.
struct BatchScanner {
    let file: any LogFile
    let chunkSize: Int

    init(file: any LogFile, chunkSize: Int = 1 << 20) {
        self.file = file
        self.chunkSize = chunkSize
    }

    /// Scans `[start, end)`; `firstOffset` is where the first batch starts. With `strictOffsets` every
    /// batch must start exactly where the previous one ended; otherwise (compacted segments) offsets
    /// may skip ahead but never go back.
    func scan(
        from start: Int64, to end: Int64, firstOffset: Int64, verifyChecksums: Bool, strictOffsets: Bool = false,
        _ visit: (ScannedBatch) throws(LogError) -> Void
    ) throws(LogError) -> ScanOutcome {
        var buffer = ScanBuffer(capacity: chunkSize)
        defer { buffer.deallocate() }
        var position = start
        var expected = firstOffset
        while position < end {
            let remaining = end - position
            if remaining < Int64(RecordBatchHeader.size) {
                return .invalid(
                    position: position, expectedOffset: expected, reason: "torn batch header (\(remaining) bytes)")
            }
            guard let headerBytes = try buffer.bytes(file: file, at: position, count: RecordBatchHeader.size) else {
                return .invalid(position: position, expectedOffset: expected, reason: "file ends inside a batch header")
            }
            let header = RecordBatchHeader(parsing: headerBytes)
            if let problem = header.framingProblem(available: Int(min(remaining, Int64(Int32.max)))) {
                return .invalid(position: position, expectedOffset: expected, reason: problem)
            }
            if header.baseOffset < expected || (strictOffsets && header.baseOffset != expected) {
                return .invalid(
                    position: position, expectedOffset: expected,
                    reason: "batch claims offset \(header.baseOffset) where \(expected) was expected")
            }
            guard let batch = try buffer.bytes(file: file, at: position, count: header.totalSize) else {
                return .invalid(position: position, expectedOffset: expected, reason: "file ends inside a batch")
            }
            if verifyChecksums && !RecordBatchHeader.hasValidChecksum(batch, totalSize: header.totalSize) {
                return .invalid(position: position, expectedOffset: expected, reason: "checksum mismatch")
            }
            try visit(ScannedBatch(header: header, position: position, bytes: batch))
            expected = header.nextOffset
            position += Int64(header.totalSize)
        }
        return .complete(end: position)
    }
}

/// A read-ahead window over a file, so batch headers and bodies come from memory.
private struct ScanBuffer {
    var storage: UnsafeMutableRawBufferPointer
    /// File position of `storage[0]`, and how many bytes are valid.
    var windowStart: Int64 = 0
    var windowCount = 0

    init(capacity: Int) {
        storage = .allocate(byteCount: capacity, alignment: 16)
    }

    func deallocate() { storage.deallocate() }

    /// `count` bytes at `position`, or nil when the file is shorter.
    mutating func bytes(file: any LogFile, at position: Int64, count: Int) throws(LogError) -> UnsafeRawPointer? {
        if position >= windowStart && position + Int64(count) <= windowStart + Int64(windowCount) {
            return UnsafeRawPointer(storage.baseAddress! + Int(position - windowStart))
        }
        if count > storage.count {
            storage.deallocate()
            storage = .allocate(byteCount: count, alignment: 16)
        }
        windowStart = position
        windowCount = try file.read(into: storage, at: position)
        guard windowCount >= count else { return nil }
        return UnsafeRawPointer(storage.baseAddress!)
    }
}

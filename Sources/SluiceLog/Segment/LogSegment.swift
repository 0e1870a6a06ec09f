// SPDX-License-Identifier: Apache-2.0
import Synchronization

/// One segment file of a partition: `<base-offset>.log` with its `.index` and `.timeindex`.
///
/// The `var` fields are guarded by the owning `PartitionLog`: the writer changes them under its
/// state lock and readers copy them under the same lock (`SegmentSnapshot`). Index entries below a
/// published count never change, so readers search them without holding any lock.
final class LogSegment: @unchecked Sendable {
    let baseOffset: Int64
    let directory: String
    let fileSystem: any LogFileSystem

    /// Bytes of complete batches.
    var size: Int64
    /// One past the last offset in this segment (the next segment's base for a closed segment).
    var nextOffset: Int64
    var offsetIndex: AppendOnlyIndex<OffsetIndexEntry>
    var timeIndex: AppendOnlyIndex<TimeIndexEntry>
    /// The largest record timestamp in the segment, or nil when it is empty.
    var maxTimestamp: Int64?
    /// Wall-clock time of the last write (for segment rolling and tombstone expiry), epoch ms.
    var lastModified: Int64
    /// Wall-clock time the segment was created, epoch ms.
    let created: Int64
    /// The last batch's base offset, relative to `baseOffset` (for the final time index entry).
    var lastBatchRelativeOffset: UInt32 = 0

    // Writer-only bookkeeping, touched under the partition's append lock.
    var bytesSinceIndexEntry: Int64 = 0
    var persistedOffsetEntries = 0
    var persistedTimeEntries = 0
    /// Bytes known to be on stable storage.
    var syncedSize: Int64 = 0

    private let handle: Mutex<(any LogFile)?>
    private let mappingSlot = Mutex<FileMapping?>(nil)

    init(
        baseOffset: Int64, directory: String, fileSystem: any LogFileSystem, size: Int64, nextOffset: Int64,
        offsetIndex: AppendOnlyIndex<OffsetIndexEntry> = .init(), timeIndex: AppendOnlyIndex<TimeIndexEntry> = .init(),
        maxTimestamp: Int64? = nil, lastModified: Int64, file: (any LogFile)? = nil
    ) {
        self.baseOffset = baseOffset
        self.directory = directory
        self.fileSystem = fileSystem
        self.size = size
        self.nextOffset = nextOffset
        self.offsetIndex = offsetIndex
        self.timeIndex = timeIndex
        self.maxTimestamp = maxTimestamp
        self.lastModified = lastModified
        self.created = lastModified
        self.handle = Mutex(file)
    }

    static func fileName(_ baseOffset: Int64, _ suffix: String) -> String {
        let digits = String(baseOffset)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + "." + suffix
    }

    /// `<base>.<end>.swap`: a compacted replacement for the segments `base..<end`.
    static func swapFileName(base: Int64, end: Int64) -> String {
        fileName(base, "") + fileName(end, "swap")
    }

    var logPath: String { directory + "/" + Self.fileName(baseOffset, "log") }
    var indexPath: String { directory + "/" + Self.fileName(baseOffset, "index") }
    var timeIndexPath: String { directory + "/" + Self.fileName(baseOffset, "timeindex") }

    /// The open log file, opened on first use.
    ///
    /// Segments are opened lazily so a partition with thousands of segments opens quickly and
    /// uses few descriptors. A segment about to be deleted or replaced is opened first
    /// (`ensureOpen()` under the partition lock), so a reader that still holds it keeps reading the
    /// old file through the descriptor after the name is gone.
    func file() throws(LogError) -> any LogFile {
        try handle.withLock { (handle) throws(LogError) -> any LogFile in
            if let handle { return handle }
            let opened = try fileSystem.openFile(logPath, create: false)
            handle = opened
            return opened
        }
    }

    /// A memory mapping covering at least the first `size` bytes, or nil when the file layer cannot map.
    ///
    /// The mapping is made `capacity` long so that a growing active segment rarely needs a new one;
    /// fetch results keep the mapping they point into alive.
    func mapping(covering size: Int64, capacity: Int64) throws(LogError) -> FileMapping? {
        let file = try self.file()
        guard let mappable = file as? any MappableLogFile else { return nil }
        return try mappingSlot.withLock { (slot) throws(LogError) -> FileMapping in
            if let current = slot, Int64(current.length) >= size { return current }
            let mapping = try mappable.map(length: Int(max(size, capacity)))
            slot = mapping
            return mapping
        }
    }

    /// Opens the file if it is not open yet, ignoring failures (the segment is being dropped).
    func ensureOpen() {
        _ = try? file()
    }

    /// Drops the descriptor (the file was removed by its owner, or the partition closes).
    func closeFile() {
        handle.withLock { $0 = nil }
        mappingSlot.withLock { $0 = nil }
    }

    /// Writes index entries not yet on disk to the `.index` and `.timeindex` files.
    func persistIndexes(sync: Bool) throws(LogError) {
        if persistedOffsetEntries < offsetIndex.count || (persistedOffsetEntries == 0 && !fileSystem.exists(indexPath))
        {
            let file = try fileSystem.openFile(indexPath, create: true)
            if persistedOffsetEntries == 0 { try file.truncate(to: 0) }
            try file.write(
                offsetIndex.encode(persistedOffsetEntries..<offsetIndex.count), at: Int64(persistedOffsetEntries * 8))
            if sync { try file.sync() }
            persistedOffsetEntries = offsetIndex.count
        }
        if persistedTimeEntries < timeIndex.count || (persistedTimeEntries == 0 && !fileSystem.exists(timeIndexPath)) {
            let file = try fileSystem.openFile(timeIndexPath, create: true)
            if persistedTimeEntries == 0 { try file.truncate(to: 0) }
            try file.write(
                timeIndex.encode(persistedTimeEntries..<timeIndex.count), at: Int64(persistedTimeEntries * 12))
            if sync { try file.sync() }
            persistedTimeEntries = timeIndex.count
        }
    }

    /// Accounts for a batch written at `position` (by an append or found by a recovery scan):
    /// size, next offset, largest timestamp and index entries. Call under the partition's `published` lock.
    ///
    /// Like Kafka, an offset index entry is added once `indexInterval` bytes were written since the
    /// last one; a time index entry goes with it when the largest timestamp grew since the last time entry.
    func account(_ header: RecordBatchHeader, at position: Int64, indexInterval: Int64) {
        if header.maxTimestamp > (maxTimestamp ?? Int64.min) { maxTimestamp = header.maxTimestamp }
        let relative = UInt32(truncatingIfNeeded: header.baseOffset - baseOffset)
        if bytesSinceIndexEntry >= indexInterval {
            offsetIndex.append(
                OffsetIndexEntry(relativeOffset: relative, position: UInt32(truncatingIfNeeded: position)))
            if let maxTimestamp, maxTimestamp > (timeIndex.last?.timestamp ?? Int64.min) {
                timeIndex.append(TimeIndexEntry(timestamp: maxTimestamp, relativeOffset: relative))
            }
            bytesSinceIndexEntry = 0
        }
        bytesSinceIndexEntry += Int64(header.totalSize)
        lastBatchRelativeOffset = relative
        size = position + Int64(header.totalSize)
        nextOffset = header.nextOffset
    }

    /// Removes the segment's files.
    func removeFiles() throws(LogError) {
        try fileSystem.remove(logPath)
        try fileSystem.remove(indexPath)
        try fileSystem.remove(timeIndexPath)
    }
}

/// A reader's copy of a segment's published state.
struct SegmentSnapshot {
    let segment: LogSegment
    let size: Int64
    let nextOffset: Int64
    let offsetIndex: AppendOnlyIndex<OffsetIndexEntry>
    let timeIndex: AppendOnlyIndex<TimeIndexEntry>
    let maxTimestamp: Int64?

    /// Copies the segment's fields; call under the partition's state lock.
    init(_ segment: LogSegment) {
        self.segment = segment
        size = segment.size
        nextOffset = segment.nextOffset
        offsetIndex = segment.offsetIndex
        timeIndex = segment.timeIndex
        maxTimestamp = segment.maxTimestamp
    }
}

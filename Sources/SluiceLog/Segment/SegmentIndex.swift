// SPDX-License-Identifier: Apache-2.0

/// A sparse offset index entry: a batch starting at `relativeOffset` (from the segment's base) sits at `position`.
struct OffsetIndexEntry: Equatable {
    var relativeOffset: UInt32
    var position: UInt32
}

/// A time index entry: every record before the batch at `relativeOffset` has a timestamp of at most `timestamp`,
/// and that batch's records reach it.
struct TimeIndexEntry: Equatable {
    var timestamp: Int64
    var relativeOffset: UInt32
}

/// Storage for an append-only index that readers use without a lock.
///
/// The writer appends past `count` and publishes the new count under the partition's lock; entries
/// below a published count never change, so a reader holding a copy of the struct (the storage
/// reference and its count) reads them safely while the writer appends. Growing allocates new
/// storage, and the old one lives as long as a reader holds it.
struct AppendOnlyIndex<Element: BitwiseCopyable> {
    final class Storage: @unchecked Sendable {
        let elements: UnsafeMutablePointer<Element>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            self.elements = .allocate(capacity: capacity)
        }

        deinit { elements.deallocate() }
    }

    private(set) var storage: Storage
    private(set) var count: Int

    init(capacity: Int = 16) {
        storage = Storage(capacity: max(capacity, 1))
        count = 0
    }

    init(_ elements: [Element]) {
        self.init(capacity: elements.count)
        for element in elements { append(element) }
    }

    subscript(index: Int) -> Element { storage.elements[index] }

    var last: Element? { count == 0 ? nil : storage.elements[count - 1] }

    mutating func append(_ element: Element) {
        if count == storage.capacity {
            let grown = Storage(capacity: storage.capacity * 2)
            grown.elements.update(from: storage.elements, count: count)
            storage = grown
        }
        storage.elements[count] = element
        count += 1
    }

    /// Keeps the first `newCount` entries (after a truncation).
    mutating func truncate(to newCount: Int) {
        let kept = Self(Array((0..<min(newCount, count)).map { self[$0] }))
        self = kept
    }

    /// The index of the last element for which `isAtOrBefore` holds, assuming it holds for a prefix.
    func lastIndex(where isAtOrBefore: (Element) -> Bool) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if isAtOrBefore(storage.elements[mid]) { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }
}

extension AppendOnlyIndex where Element == OffsetIndexEntry {
    /// The file position of the last indexed batch starting at or before `relativeOffset` (0 when none).
    func position(atOrBefore relativeOffset: UInt32) -> Int64 {
        guard let index = lastIndex(where: { $0.relativeOffset <= relativeOffset }) else { return 0 }
        return Int64(self[index].position)
    }

    /// Encodes entries `range` as Kafka's `.index` format: relative offset and position, 4 bytes each, big-endian.
    func encode(_ range: Range<Int>) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: range.count * 8)
        bytes.withUnsafeMutableBytes { raw in
            for (slot, index) in range.enumerated() {
                storeBigEndian(self[index].relativeOffset, raw.baseAddress!, slot * 8)
                storeBigEndian(self[index].position, raw.baseAddress!, slot * 8 + 4)
            }
        }
        return bytes
    }

    /// Decodes an `.index` file; nil when it is not a valid index for a log of `logSize` bytes.
    static func decode(_ bytes: [UInt8], logSize: Int64) -> Self? {
        guard bytes.count % 8 == 0 else { return nil }
        var index = Self(capacity: bytes.count / 8 + 1)
        let valid = bytes.withUnsafeBytes { raw -> Bool in
            var previous: OffsetIndexEntry?
            for slot in 0..<(bytes.count / 8) {
                let entry = OffsetIndexEntry(
                    relativeOffset: loadBigEndian(raw.baseAddress!, slot * 8, as: UInt32.self),
                    position: loadBigEndian(raw.baseAddress!, slot * 8 + 4, as: UInt32.self))
                if let previous, entry.relativeOffset <= previous.relativeOffset || entry.position <= previous.position
                {
                    return false
                }
                if Int64(entry.position) >= logSize { return false }
                index.append(entry)
                previous = entry
            }
            return true
        }
        return valid ? index : nil
    }
}

extension AppendOnlyIndex where Element == TimeIndexEntry {
    /// The relative offset where a search for the first record with a timestamp of at least `timestamp` starts.
    func searchStart(forTimestamp timestamp: Int64) -> UInt32 {
        guard let index = lastIndex(where: { $0.timestamp < timestamp }) else { return 0 }
        return self[index].relativeOffset
    }

    /// Encodes entries `range` as Kafka's `.timeindex` format: timestamp (8 bytes) and relative offset (4 bytes).
    func encode(_ range: Range<Int>) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: range.count * 12)
        bytes.withUnsafeMutableBytes { raw in
            for (slot, index) in range.enumerated() {
                storeBigEndian(self[index].timestamp, raw.baseAddress!, slot * 12)
                storeBigEndian(self[index].relativeOffset, raw.baseAddress!, slot * 12 + 8)
            }
        }
        return bytes
    }

    /// Decodes a `.timeindex` file; nil when it is not valid.
    static func decode(_ bytes: [UInt8]) -> Self? {
        guard bytes.count % 12 == 0 else { return nil }
        var index = Self(capacity: bytes.count / 12 + 1)
        let valid = bytes.withUnsafeBytes { raw -> Bool in
            var previous: TimeIndexEntry?
            for slot in 0..<(bytes.count / 12) {
                let entry = TimeIndexEntry(
                    timestamp: loadBigEndian(raw.baseAddress!, slot * 12, as: Int64.self),
                    relativeOffset: loadBigEndian(raw.baseAddress!, slot * 12 + 8, as: UInt32.self))
                if let previous, entry.timestamp <= previous.timestamp || entry.relativeOffset < previous.relativeOffset
                {
                    return false
                }
                index.append(entry)
                previous = entry
            }
            return true
        }
        return valid ? index : nil
    }
}

/// A half-open range of keys in byte order: `lowerBound <= key < upperBound`.
///
/// Keys compare as unsigned bytes, shorter first on a common prefix (RocksDB's bytewise order).
public struct StateKeyRange: Hashable, Sendable {
    /// The smallest key in the range (inclusive).
    public var lowerBound: [UInt8]
    /// The first key past the range (exclusive), or `nil` for no upper limit.
    public var upperBound: [UInt8]?

    public init(from lowerBound: [UInt8], to upperBound: [UInt8]?) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    /// Every key.
    public static let all = StateKeyRange(from: [], to: nil)

    /// Every key that starts with `prefix`.
    public static func prefix(_ prefix: [UInt8]) -> StateKeyRange {
        StateKeyRange(from: prefix, to: prefixSuccessor(prefix))
    }

    /// Whether `key` lies in the range.
    public func contains(_ key: [UInt8]) -> Bool {
        guard compareBytes(key, lowerBound) >= 0 else { return false }
        guard let upperBound else { return true }
        return compareBytes(key, upperBound) < 0
    }

    /// Whether no key can lie in the range.
    public var isEmpty: Bool {
        guard let upperBound else { return false }
        return compareBytes(upperBound, lowerBound) <= 0
    }
}

/// The smallest key greater than every key starting with `prefix`, or `nil` when there is none
/// (the prefix is empty or all `0xFF`).
func prefixSuccessor(_ prefix: [UInt8]) -> [UInt8]? {
    var successor = prefix
    while let last = successor.last {
        if last < 0xFF {
            successor[successor.count - 1] = last + 1
            return successor
        }
        successor.removeLast()
    }
    return nil
}

/// Compares two keys in RocksDB's bytewise order: negative, zero or positive.
@inlinable
public func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            let common = min(a.count, b.count)
            var i = 0
            while i < common {
                if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
                i += 1
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        }
    }
}

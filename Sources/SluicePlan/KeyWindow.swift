import SluiceCore

/// The window of a windowed key (a source declared with `WINDOW_TYPE`, or a query over one).
///
/// A windowed record key is the inner key's bytes followed by the window's bounds, as Kafka
/// Streams lays them out: a time window (TUMBLING, HOPPING) appends its start as a big-endian
/// 64-bit number and its end is the start plus the size; a session window appends its end, then
/// its start. Partitioning hashes the inner key only.
public struct KeyWindow: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// TUMBLING or HOPPING: fixed size, the key holds the start.
        case time
        /// SESSION: the key holds both bounds.
        case session
    }

    public var kind: Kind
    /// For time windows, the size in milliseconds.
    public var sizeMilliseconds: Int64?

    public init(kind: Kind, sizeMilliseconds: Int64?) {
        self.kind = kind
        self.sizeMilliseconds = sizeMilliseconds
    }

    /// Bytes the bounds take after the inner key.
    public var suffixLength: Int { kind == .session ? 16 : 8 }

    /// Splits a windowed key into the length of its inner key and the window's bounds; `nil` when
    /// the key is shorter than the bounds.
    public func split(_ key: UnsafeRawBufferPointer) -> (innerLength: Int, start: Int64, end: Int64)? {
        let innerLength = key.count - suffixLength
        guard innerLength >= 0 else { return nil }
        let first = Self.readBigEndian(key, at: innerLength)
        switch kind {
        case .time:
            return (innerLength, first, first &+ (sizeMilliseconds ?? 0))
        case .session:
            return (innerLength, Self.readBigEndian(key, at: innerLength + 8), first)
        }
    }

    /// Appends the bounds of a window to `bytes`, after the inner key.
    public func appendBounds(start: Int64, end: Int64, to append: (UnsafeRawBufferPointer) -> Void) {
        var words = kind == .session ? (end.bigEndian, start.bigEndian) : (start.bigEndian, 0)
        withUnsafeBytes(of: &words) { append(UnsafeRawBufferPointer(rebasing: $0[0..<suffixLength])) }
    }

    private static func readBigEndian(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int64 {
        var value: Int64 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8])) }
        return Int64(bigEndian: value)
    }
}

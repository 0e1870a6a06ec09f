/// A growable byte buffer that encoders append serialized records to.
///
/// One buffer is meant to be reused for a whole batch (and the next): encoders append each row's
/// bytes after the previous row's, and the caller notes `count` before and after to find a row's
/// bytes. `removeAll()` keeps the memory. The buffer is not copyable, so its bytes have exactly one
/// owner and are freed once.
public struct OutputBuffer: ~Copyable {
    var base: UnsafeMutableRawPointer
    var capacity: Int
    /// Bytes written so far.
    public internal(set) var count: Int
    /// Whether the memory is someone else's (see `init(borrowing:capacity:)`).
    public private(set) var isBorrowing = false

    public init(capacity: Int = 64 * 1024) {
        self.capacity = max(capacity, 64)
        self.base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
        self.count = 0
    }

    /// A buffer that writes into `capacity` bytes of memory the caller owns (a record batch
    /// being built, so an encoded value needs no copy). Should it need more, it moves to memory
    /// of its own and `isBorrowing` turns false; the borrowed memory is never freed here.
    public init(borrowing memory: UnsafeMutableRawPointer, capacity: Int) {
        self.base = memory
        self.capacity = capacity
        self.count = 0
        isBorrowing = true
    }

    deinit {
        if !isBorrowing { base.deallocate() }
    }

    /// Makes room for at least `additional` more bytes.
    @inline(__always) public mutating func reserve(_ additional: Int) {
        if capacity - count < additional { grow(to: count + additional) }
    }

    mutating func grow(to minimum: Int) {
        var newCapacity = max(capacity * 2, 64)
        while newCapacity < minimum { newCapacity *= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: count)
        if !isBorrowing { base.deallocate() }
        isBorrowing = false
        base = newBase
        capacity = newCapacity
    }

    /// Where the next byte goes; valid for `reserve`d bytes until the next growth.
    @inline(__always) var cursor: UnsafeMutablePointer<UInt8> {
        (base + count).assumingMemoryBound(to: UInt8.self)
    }

    /// Records that the bytes up to `end` (a pointer obtained from `cursor`) are written.
    @inline(__always) mutating func commit(upTo end: UnsafeMutablePointer<UInt8>) {
        count = UnsafeMutableRawPointer(end) - base
    }

    public mutating func append(_ byte: UInt8) {
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Forgets the bytes, keeping the memory for reuse.
    public mutating func removeAll() {
        count = 0
    }

    /// Drops the bytes after the first `newCount`.
    public mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "truncate beyond the written bytes")
        count = newCount
    }

    /// Calls `body` with the written bytes; the pointer is valid only inside `body`.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The bytes in `range` (offsets into the buffer), copied.
    public func bytes(in range: Range<Int>) -> [UInt8] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range beyond the written bytes")
        return Array(UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// All written bytes, copied.
    public var bytes: [UInt8] { bytes(in: 0..<count) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Immutable bytes that `ByteString`s point into. Once a byte is written it never moves or
/// changes, so a `ByteString` can be shared across threads.
public final class ByteStorage: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline let capacity: Int
    /// Bytes written so far; only the arena that owns this storage writes, before it hands slices out.
    @usableFromInline var used: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        self.base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 8)
        self.used = 0
    }

    deinit { base.deallocate() }
}

/// The bytes of a `STRING` or `BYTES` value: a slice of shared immutable storage.
///
/// Decoders slice text fields out of a batch's input instead of making one `String` per field
/// (DESIGN.md section 4: a `String` per text field cost 47% of a simple query). Equality, hashing
/// and ordering are by bytes; for UTF-8 text, byte order is code point order.
public struct ByteString: Sendable {
    @usableFromInline let storage: ByteStorage?
    @usableFromInline let offset: Int32
    public let count: Int32

    @inlinable init(storage: ByteStorage?, offset: Int32, count: Int32) {
        self.storage = storage
        self.offset = offset
        self.count = count
    }

    /// The empty byte string.
    public static let empty = ByteString(storage: nil, offset: 0, count: 0)

    /// Copies `bytes` into new storage of their own.
    public init(copying bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else {
            self = .empty
            return
        }
        let storage = ByteStorage(capacity: bytes.count)
        storage.base.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        storage.used = bytes.count
        self.init(storage: storage, offset: 0, count: Int32(bytes.count))
    }

    public init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let array = Array(bytes)
        self = array.withUnsafeBytes { ByteString(copying: $0) }
    }

    /// The UTF-8 bytes of `string`.
    public init(_ string: String) {
        var string = string
        self = string.withUTF8 { ByteString(copying: UnsafeRawBufferPointer($0)) }
    }

    public var isEmpty: Bool { count == 0 }

    /// Calls `body` with the bytes; the pointer is valid only inside `body`.
    @inlinable public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard let storage else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try withExtendedLifetime(storage) {
            try body(UnsafeRawBufferPointer(start: storage.base + Int(offset), count: Int(count)))
        }
    }

    /// The bytes, without keeping their storage alive: valid only while something else holds
    /// this string (a row slot, for example). Hot loops use it to read a value in place without
    /// the retain and release a copy of the string would cost.
    @inlinable public var unsafeBytes: UnsafeRawBufferPointer {
        guard let storage else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: storage.base + Int(offset), count: Int(count))
    }

    /// The bytes decoded as UTF-8 (invalid sequences become U+FFFD).
    public var string: String {
        withBytes { String(decoding: $0, as: UTF8.self) }
    }

    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// A sub-slice sharing this storage; `range` is in bytes relative to this slice.
    public func slice(_ range: Range<Int>) -> ByteString {
        precondition(range.lowerBound >= 0 && range.upperBound <= Int(count))
        if range.isEmpty { return .empty }
        return ByteString(storage: storage, offset: offset + Int32(range.lowerBound), count: Int32(range.count))
    }
}

extension ByteString: Hashable, Comparable {
    public static func == (lhs: ByteString, rhs: ByteString) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.count == 0 { return true }
        if lhs.storage === rhs.storage, lhs.offset == rhs.offset { return true }
        return lhs.withBytes { a in rhs.withBytes { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
    }

    public func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: $0) }
    }

    public static func < (lhs: ByteString, rhs: ByteString) -> Bool {
        lhs.compare(rhs) < 0
    }

    /// Byte-wise three-way comparison.
    public func compare(_ other: ByteString) -> Int {
        withBytes { a in
            other.withBytes { b in
                let common = min(a.count, b.count)
                if common > 0 {
                    let result = memcmp(a.baseAddress!, b.baseAddress!, common)
                    if result != 0 { return Int(result) }
                }
                return a.count - b.count
            }
        }
    }
}

extension ByteString: CustomStringConvertible, ExpressibleByStringLiteral {
    public var description: String { string }

    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// Appends bytes into large storage chunks and hands out `ByteString` slices of them.
///
/// One arena per task turns many small allocations into a few large ones. `recycle()` makes
/// chunks that no slice refers to any more writable again, so steady-state decoding reuses the
/// same memory instead of allocating (and page-faulting) new chunks for every batch.
public struct ByteArena {
    @usableFromInline var current: ByteStorage
    /// Chunks filled before `current`, which slices may still refer to.
    private var retired: [ByteStorage] = []
    /// Empty chunks ready for reuse.
    private var spare: [ByteStorage] = []
    private let chunkSize: Int

    public init(chunkSize: Int = 64 * 1024) {
        self.chunkSize = chunkSize
        self.current = ByteStorage(capacity: chunkSize)
    }

    /// Starts over: chunks that only the arena still refers to are emptied and reused.
    public mutating func recycle() {
        retired.append(current)
        var stillReferenced: [ByteStorage] = []
        while var chunk = retired.popLast() {
            if isKnownUniquelyReferenced(&chunk) {
                chunk.used = 0
                if chunk.capacity == chunkSize { spare.append(chunk) }
            } else {
                stillReferenced.append(chunk)
            }
        }
        retired = stillReferenced
        current = spare.popLast() ?? ByteStorage(capacity: chunkSize)
    }

    /// Copies `bytes` into the arena.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) -> ByteString {
        let count = bytes.count
        if count == 0 { return .empty }
        reserve(count)
        let storage = current
        let offset = storage.used
        (storage.base + offset).copyMemory(from: bytes.baseAddress!, byteCount: count)
        storage.used += count
        return ByteString(storage: storage, offset: Int32(offset), count: Int32(count))
    }

    /// Lets `body` write up to `capacity` bytes directly, then keeps the `n` it reports written.
    public mutating func append(capacity: Int, _ body: (UnsafeMutableRawPointer) throws -> Int) rethrows -> ByteString {
        if capacity == 0 { return .empty }
        reserve(capacity)
        let storage = current
        let offset = storage.used
        let written = try body(storage.base + offset)
        precondition(written >= 0 && written <= capacity)
        if written == 0 { return .empty }
        storage.used += written
        return ByteString(storage: storage, offset: Int32(offset), count: Int32(written))
    }

    /// Room for `capacity` bytes after the arena's used bytes, to write before `keepReserved`.
    /// Nothing is kept until then, so writing past what will be kept is harmless.
    @inlinable public mutating func reserveUnsafe(_ capacity: Int) -> UnsafeMutableRawPointer {
        if current.capacity - current.used < capacity { reserve(capacity) }
        return current.base + current.used
    }

    /// Keeps the first `count` bytes written at the last `reserveUnsafe`'s pointer (at most the
    /// capacity it asked for) as a new slice.
    @inlinable public mutating func keepReserved(_ count: Int) -> ByteString {
        if count == 0 { return .empty }
        let storage = current
        let offset = storage.used
        storage.used = offset + count
        return ByteString(storage: storage, offset: Int32(offset), count: Int32(count))
    }

    @usableFromInline mutating func reserve(_ count: Int) {
        if current.capacity - current.used < count {
            retired.append(current)
            current = count <= chunkSize ? (spare.popLast() ?? ByteStorage(capacity: chunkSize)) : ByteStorage(capacity: count)
        }
    }
}

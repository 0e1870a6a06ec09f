/// Puts and deletes that a store applies all together with `StateStore.commit(_:sync:)`.
///
/// Operations apply in the order they were added, so a later put of the same key wins. The batch
/// encodes everything into one contiguous buffer: adding an operation allocates nothing once the
/// buffer has grown, which matters when a checkpoint flushes a hundred thousand cached entries.
public struct StateWriteBatch: Sendable {
    // Layout per operation: tag (1 byte), key length (8 bytes, little endian), key,
    // and for a put also value length (8 bytes) and value.
    private var buffer: [UInt8] = []

    /// The number of operations in the batch.
    public private(set) var count = 0

    private static let putTag: UInt8 = 1
    private static let deleteTag: UInt8 = 2

    /// An empty batch.
    public init() {}

    /// An empty batch with room for `byteCount` bytes of keys and values before it grows.
    public init(reservingCapacity byteCount: Int) {
        buffer.reserveCapacity(byteCount)
    }

    /// Whether the batch has no operations.
    public var isEmpty: Bool { count == 0 }

    /// Adds a put of `value` under `key`.
    public mutating func put(_ key: [UInt8], _ value: [UInt8]) {
        appendHeader(Self.putTag, keyLength: key.count)
        buffer.append(contentsOf: key)
        appendLength(value.count)
        buffer.append(contentsOf: value)
        count += 1
    }

    /// Adds a delete of `key`.
    public mutating func delete(_ key: [UInt8]) {
        appendHeader(Self.deleteTag, keyLength: key.count)
        buffer.append(contentsOf: key)
        count += 1
    }

    /// Adds a put of `value` under `key` in `table`.
    public mutating func put(_ key: [UInt8], _ value: [UInt8], in table: StateTable) {
        appendHeader(Self.putTag, keyLength: StateTable.prefixLength + key.count)
        buffer.append(contentsOf: table.keyPrefix)
        buffer.append(contentsOf: key)
        appendLength(value.count)
        buffer.append(contentsOf: value)
        count += 1
    }

    /// Adds a delete of `key` in `table`.
    public mutating func delete(_ key: [UInt8], in table: StateTable) {
        appendHeader(Self.deleteTag, keyLength: StateTable.prefixLength + key.count)
        buffer.append(contentsOf: table.keyPrefix)
        buffer.append(contentsOf: key)
        count += 1
    }

    /// Removes every operation, keeping the buffer for reuse.
    public mutating func removeAll() {
        buffer.removeAll(keepingCapacity: true)
        count = 0
    }

    private mutating func appendHeader(_ tag: UInt8, keyLength: Int) {
        buffer.append(tag)
        appendLength(keyLength)
    }

    private mutating func appendLength(_ length: Int) {
        withUnsafeBytes(of: UInt64(length).littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// One decoded operation; the buffers are valid only during the callback.
    enum Operation {
        case put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)
        case delete(key: UnsafeRawBufferPointer)
    }

    /// Calls `body` with each operation in order.
    func forEachOperation<E: Error>(_ body: (Operation) throws(E) -> Void) throws(E) {
        // `Array.withUnsafeBytes` rethrows untyped errors, so the typed error travels in a `Result`.
        let result = buffer.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Result<Void, E> in
            var offset = 0
            func take(_ length: Int) -> UnsafeRawBufferPointer {
                defer { offset += length }
                return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
            }
            func takeLength() -> Int {
                defer { offset += 8 }
                return Int(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            }
            do throws(E) {
                while offset < bytes.count {
                    let tag = bytes[offset]
                    offset += 1
                    let key = take(takeLength())
                    if tag == Self.putTag {
                        try body(.put(key: key, value: take(takeLength())))
                    } else {
                        try body(.delete(key: key))
                    }
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }
}

/// The file an `InMemoryStateStore` persists to: every entry in key order, then a checksum.
///
/// Layout: the magic `SLUICEMS`, a format version (UInt32), the entry count (UInt64), then per entry
/// key length (UInt64), key, value length (UInt64), value; finally the 64-bit FNV-1a hash of all
/// preceding bytes. Integers are little endian. A torn or altered file fails the checksum.
enum StateSnapshotFile {
    static let name = "state.snapshot"
    private static let magic: [UInt8] = Array("SLUICEMS".utf8)
    private static let version: UInt32 = 1

    static func encode(_ entries: some Sequence<(key: [UInt8], value: [UInt8])>, count: Int) -> [UInt8] {
        var bytes = magic
        append(version, to: &bytes)
        append(UInt64(count), to: &bytes)
        for (key, value) in entries {
            append(UInt64(key.count), to: &bytes)
            bytes.append(contentsOf: key)
            append(UInt64(value.count), to: &bytes)
            bytes.append(contentsOf: value)
        }
        append(fnv1a(bytes[...]), to: &bytes)
        return bytes
    }

    /// Decodes a snapshot, or throws a `StateStoreError` naming `path` when the file is damaged.
    static func decode(_ bytes: [UInt8], path: String) throws(StateStoreError) -> [[UInt8]: [UInt8]] {
        func corrupt(_ why: String) -> StateStoreError {
            StateStoreError(operation: "open", message: "\(path): corrupt snapshot (\(why))")
        }
        let headerLength = magic.count + 4 + 8
        guard bytes.count >= headerLength + 8, bytes.starts(with: magic) else { throw corrupt("bad header") }
        let body = bytes[..<(bytes.count - 8)]
        guard fnv1a(body) == load(UInt64.self, bytes, at: bytes.count - 8) else { throw corrupt("checksum mismatch") }
        guard load(UInt32.self, bytes, at: magic.count) == version else { throw corrupt("unknown version") }
        let count = load(UInt64.self, bytes, at: magic.count + 4)
        var entries: [[UInt8]: [UInt8]] = [:]
        var offset = headerLength
        func field() throws(StateStoreError) -> [UInt8] {
            guard body.count - offset >= 8 else { throw corrupt("truncated entry") }
            let length = load(UInt64.self, bytes, at: offset)
            offset += 8
            guard length <= UInt64(body.count - offset) else { throw corrupt("entry past end") }
            defer { offset += Int(length) }
            return Array(bytes[offset..<offset + Int(length)])
        }
        var remaining = count
        while remaining > 0 {
            let key = try field()
            entries[key] = try field()
            remaining -= 1
        }
        guard offset == body.count else { throw corrupt("trailing bytes") }
        return entries
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func load<T: FixedWidthInteger>(_ type: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    private static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

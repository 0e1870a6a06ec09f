// SPDX-License-Identifier: Apache-2.0
import Synchronization

/// A small crash-safe map kept as an append-only file of checksummed frames; the latest value per key wins.
///
/// Each `put` appends one frame (`length`, `CRC32C`, then the changed entries), so a multi-key change
/// is atomic: after a crash a torn last frame fails its CRC and is dropped whole. When the file
/// grows well past its live content it is rewritten (temporary file, sync, rename).
/// Consumer offsets and the transaction coordinator's state use it.
final class KeyValueLog: Sendable {
    private struct State {
        var file: any LogFile
        var size: Int64
        var entries: [String: [UInt8]]
        var liveBytes: Int
    }

    let path: String
    private let fileSystem: any LogFileSystem
    private let syncs: Bool
    private let state: Mutex<State>
    /// Bytes dropped from a torn tail when the file was opened.
    let droppedBytes: Int64

    init(path: String, fileSystem: any LogFileSystem, syncs: Bool) throws(LogError) {
        self.path = path
        self.fileSystem = fileSystem
        self.syncs = syncs
        let file = try fileSystem.openFile(path, create: true)
        let bytes = try file.readAll()
        var entries: [String: [UInt8]] = [:]
        var position = 0
        bytes.withUnsafeBytes { raw in
            while position + 8 <= raw.count {
                let length = Int(loadBigEndian(raw.baseAddress!, position, as: UInt32.self))
                guard length <= raw.count - position - 8 else { break }
                let payload = UnsafeRawBufferPointer(start: raw.baseAddress! + position + 8, count: length)
                guard loadBigEndian(raw.baseAddress!, position + 4, as: UInt32.self) == CRC32C.checksum(payload),
                    let changes = Self.decode(payload)
                else { break }
                for (key, value) in changes { entries[key] = value }
                position += 8 + length
            }
        }
        droppedBytes = Int64(bytes.count - position)
        if droppedBytes > 0 {
            try file.truncate(to: Int64(position))
            try file.sync()
        }
        let live = entries.reduce(0) { $0 + $1.key.utf8.count + $1.value.count + 8 }
        state = Mutex(State(file: file, size: Int64(position), entries: entries, liveBytes: live))
    }

    /// The current map.
    var entries: [String: [UInt8]] { state.withLock { $0.entries } }

    func value(for key: String) -> [UInt8]? { state.withLock { $0.entries[key] } }

    /// Applies several changes atomically (nil removes a key), durably when the log syncs.
    func put(_ changes: [(key: String, value: [UInt8]?)]) throws(LogError) {
        guard !changes.isEmpty else { return }
        let frame = Self.frame(changes)
        try state.withLock { (state) throws(LogError) in
            try state.file.write(frame, at: state.size)
            if syncs { try state.file.sync() }
            state.size += Int64(frame.count)
            for (key, value) in changes {
                if let old = state.entries[key] { state.liveBytes -= key.utf8.count + old.count + 8 }
                state.entries[key] = value
                if let value { state.liveBytes += key.utf8.count + value.count + 8 }
            }
            if state.size > 1 << 20 && state.size > Int64(state.liveBytes) * 4 {
                try rewrite(&state)
            }
        }
    }

    private func rewrite(_ state: inout State) throws(LogError) {
        let frame = Self.frame(state.entries.map { (key: $0.key, value: Optional($0.value)) })
        try fileSystem.writeAtomically(frame, to: path, sync: true)
        state.file = try fileSystem.openFile(path, create: false)
        state.size = Int64(frame.count)
    }

    private static func frame(_ changes: [(key: String, value: [UInt8]?)]) -> [UInt8] {
        var payload: [UInt8] = []
        appendBigEndian(UInt32(changes.count), to: &payload)
        for (key, value) in changes {
            let keyBytes = Array(key.utf8)
            appendBigEndian(UInt32(keyBytes.count), to: &payload)
            payload += keyBytes
            if let value {
                appendBigEndian(Int32(value.count), to: &payload)
                payload += value
            } else {
                appendBigEndian(Int32(-1), to: &payload)
            }
        }
        var frame: [UInt8] = []
        appendBigEndian(UInt32(payload.count), to: &frame)
        appendBigEndian(CRC32C.checksum(payload), to: &frame)
        return frame + payload
    }

    private static func decode(_ payload: UnsafeRawBufferPointer) -> [(String, [UInt8]?)]? {
        guard payload.count >= 4, let base = payload.baseAddress else { return nil }
        let count = Int(loadBigEndian(base, 0, as: UInt32.self))
        var position = 4
        var changes: [(String, [UInt8]?)] = []
        for _ in 0..<count {
            guard position + 4 <= payload.count else { return nil }
            let keyLength = Int(loadBigEndian(base, position, as: UInt32.self))
            position += 4
            guard keyLength <= payload.count - position - 4 else { return nil }
            let key = String(decoding: UnsafeRawBufferPointer(start: base + position, count: keyLength), as: UTF8.self)
            position += keyLength
            let valueLength = Int(loadBigEndian(base, position, as: Int32.self))
            position += 4
            if valueLength < 0 {
                changes.append((key, nil))
            } else {
                guard valueLength <= payload.count - position else { return nil }
                changes.append((key, Array(UnsafeRawBufferPointer(start: base + position, count: valueLength))))
                position += valueLength
            }
        }
        return position == payload.count ? changes : nil
    }
}

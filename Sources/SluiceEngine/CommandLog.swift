import Foundation
import SluiceLog

/// The data directory's `commands.log`: every catalog change in order, one line per entry.
///
/// A line is `<crc32c as 8 hex digits> <json>\n`. Appends are fsynced before the change counts as
/// made. Opening the log checks every line's checksum; a torn or corrupt tail is cut back to the
/// last good entry and reported, never replayed.
final class CommandLog {
    let path: String
    private let handle: FileHandle
    private(set) var entries: [CommandLogEntry] = []
    /// What recovery cut from the end of the file, if anything.
    private(set) var recoveryReport: String?

    init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil)
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let (entries, goodLength, problem) = CommandLog.decode(data)
        self.entries = entries
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw EngineError("cannot open the command log at \(path)")
        }
        self.handle = handle
        if goodLength < data.count {
            try handle.truncate(atOffset: UInt64(goodLength))
            try handle.synchronize()
            recoveryReport = "command log \(path): \(problem ?? "bad data") after entry \(entries.count); "
                + "dropped \(data.count - goodLength) bytes at the end"
        }
        try handle.seekToEnd()
    }

    deinit {
        try? handle.close()
    }

    /// The sequence number the next entry gets.
    var nextSequence: Int { (entries.last?.sequence ?? 0) + 1 }

    /// Appends an entry and fsyncs it.
    func append(statement: String, commands: [CatalogCommand]) throws {
        let entry = CommandLogEntry(
            sequence: nextSequence, appliedAt: Int64(Date().timeIntervalSince1970 * 1000), statement: statement,
            commands: commands)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(entry)
        let crc = CRC32C.checksum(Array(json))
        var line = Data(CommandLog.hex(crc).utf8)
        line.append(0x20)
        line.append(json)
        line.append(0x0A)
        try handle.write(contentsOf: line)
        try handle.synchronize()
        entries.append(entry)
    }

    /// Decodes every good line; returns the entries, the byte length they cover, and what stopped decoding.
    static func decode(_ data: Data) -> ([CommandLogEntry], Int, String?) {
        var entries: [CommandLogEntry] = []
        var offset = 0
        let bytes = [UInt8](data)
        let decoder = JSONDecoder()
        while offset < bytes.count {
            guard let newline = bytes[offset...].firstIndex(of: 0x0A) else {
                return (entries, offset, "a torn entry")
            }
            let line = bytes[offset..<newline]
            guard line.count > 9, line[line.startIndex + 8] == 0x20,
                let crc = UInt32(String(decoding: line.prefix(8), as: UTF8.self), radix: 16)
            else { return (entries, offset, "a malformed entry") }
            let json = Array(line.dropFirst(9))
            guard CRC32C.checksum(json) == crc else { return (entries, offset, "a checksum mismatch") }
            guard let entry = try? decoder.decode(CommandLogEntry.self, from: Data(json)) else {
                return (entries, offset, "an entry this version cannot read")
            }
            entries.append(entry)
            offset = newline + 1
        }
        return (entries, offset, nil)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// An engine failure that is not a SQL mistake (I/O, corrupt metadata).
public struct EngineError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

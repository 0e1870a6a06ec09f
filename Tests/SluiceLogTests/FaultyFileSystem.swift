// SPDX-License-Identifier: Apache-2.0
import Synchronization

@testable import SluiceLog

/// Wraps a file system and fails every write to files under a prefix, to stop a multi-step
/// operation halfway as a crash would.
final class FaultyFileSystem: LogFileSystem {
    private let base: any LogFileSystem
    private let failingPrefix = Mutex<String?>(nil)

    init(_ base: any LogFileSystem) { self.base = base }

    func failWrites(under prefix: String?) { failingPrefix.withLock { $0 = prefix } }

    func shouldFail(_ path: String) -> Bool {
        failingPrefix.withLock { prefix in prefix.map { path.hasPrefix($0) } ?? false }
    }

    func openFile(_ path: String, create: Bool) throws(LogError) -> any LogFile {
        FaultyFile(try base.openFile(path, create: create), path: path, system: self)
    }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func fileSize(_ path: String) throws(LogError) -> Int64 { try base.fileSize(path) }
    func createDirectory(_ path: String) throws(LogError) { try base.createDirectory(path) }
    func contentsOfDirectory(_ path: String) throws(LogError) -> [String] { try base.contentsOfDirectory(path) }
    func remove(_ path: String) throws(LogError) { try base.remove(path) }
    func rename(_ source: String, to destination: String) throws(LogError) { try base.rename(source, to: destination) }
    func syncDirectory(_ path: String) throws(LogError) { try base.syncDirectory(path) }
    func modificationTime(_ path: String) throws(LogError) -> Int64 { try base.modificationTime(path) }
    func setModificationTime(_ path: String, to milliseconds: Int64) throws(LogError) {
        try base.setModificationTime(path, to: milliseconds)
    }
}

final class FaultyFile: LogFile {
    private let base: any LogFile
    private let path: String
    private let system: FaultyFileSystem

    init(_ base: any LogFile, path: String, system: FaultyFileSystem) {
        self.base = base
        self.path = path
        self.system = system
    }

    func size() throws(LogError) -> Int64 { try base.size() }
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(LogError) -> Int {
        try base.read(into: buffer, at: offset)
    }
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(LogError) {
        if system.shouldFail(path) { throw LogError.io(operation: "pwrite", path: path, errno: 5) }
        try base.write(bytes, at: offset)
    }
    func truncate(to size: Int64) throws(LogError) { try base.truncate(to: size) }
    func sync() throws(LogError) { try base.sync() }
}

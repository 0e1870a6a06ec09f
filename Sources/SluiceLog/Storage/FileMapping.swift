// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only shared memory mapping of a file, unmapped when the last reference goes away.
///
/// Reads of segments go through mappings when the file layer offers them (`PosixFileSystem` does),
/// so a fetch hands out pointers into the page cache instead of copying. A mapping may be longer than
/// the file; only the bytes below the segment's published size are ever touched.
final class FileMapping: @unchecked Sendable {
    let base: UnsafeRawPointer
    let length: Int

    init(base: UnsafeRawPointer, length: Int) {
        self.base = base
        self.length = length
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), length)
    }
}

/// A file that can be mapped into memory.
protocol MappableLogFile: LogFile {
    func map(length: Int) throws(LogError) -> FileMapping
}

extension PosixFile: MappableLogFile {
    func map(length: Int) throws(LogError) -> FileMapping {
        guard let address = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0), address != MAP_FAILED else {
            throw LogError.io(operation: "mmap", path: path, errno: errno)
        }
        return FileMapping(base: UnsafeRawPointer(address), length: length)
    }
}

// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

@testable import SluiceLog

@Suite struct RecoveryTests {
    let partition = TopicPartition("t", 0)

    /// Writes `batches` batches of 10 records (offsets `10*b ..< 10*b+10`) and closes the store cleanly.
    func populate(_ directory: TemporaryDirectory, batches: Int, segmentBytes: Int = 128 << 20) throws {
        let store = try LogStore(
            directory: directory.path, options: testOptions(segmentBytes: segmentBytes, indexInterval: 512))
        try store.createTopic("t")
        for batch in 0..<batches {
            try store.appendStrings((0..<10).map { ("k\($0)", "value-\(batch)-\($0)") }, to: partition)
        }
        try store.close()
    }

    func segmentFiles(_ directory: TemporaryDirectory) throws -> [String] {
        let partitionDirectory = directory.path + "/topics/t/0"
        return try FileManager.default.contentsOfDirectory(atPath: partitionDirectory)
            .filter { $0.hasSuffix(".log") }.sorted().map { partitionDirectory + "/" + $0 }
    }

    func open(_ directory: TemporaryDirectory, segmentBytes: Int = 128 << 20) throws -> LogStore {
        try LogStore(directory: directory.path, options: testOptions(segmentBytes: segmentBytes, indexInterval: 512))
    }

    @Test func truncatedSegmentLosesOnlyTheTornBatch() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try populate(directory, batches: 20)
        let file = try #require(try segmentFiles(directory).last)
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as! Int
        truncate(file, off_t(size - 7))
        let store = try open(directory)
        defer { try? store.close() }
        #expect(try store.records(partition).count == 190)
        let report = try #require(store.recoveryReports.first)
        #expect(report.truncatedAtOffset == 190)
        #expect(report.truncatedBytes > 0 && !report.cleanShutdown || report.truncatedBytes > 0)
        #expect(try store.appendStrings([("new", "x")], to: partition) == 190)
        #expect(try store.records(partition, from: 189).map(\.description) == ["189:k9=value-18-9", "190:new=x"])
    }

    @Test(arguments: ["zeros", "garbage"])
    func invalidTailIsCutAndReported(kind: String) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try populate(directory, batches: 5)
        let file = try #require(try segmentFiles(directory).last)
        let handle = try #require(FileHandle(forWritingAtPath: file))
        handle.seekToEndOfFile()
        handle.write(
            Data(
                kind == "zeros" ? [UInt8](repeating: 0, count: 4096) : (0..<300).map { _ in UInt8.random(in: 0...255) })
        )
        try handle.close()
        // Remove the clean-shutdown marker, as a crash would leave no marker.
        try FileManager.default.removeItem(atPath: directory.path + "/topics/t/0/clean-shutdown")
        let messages = MessageLog()
        var options = testOptions()
        options.log = messages.record
        let store = try LogStore(directory: directory.path, options: options)
        defer { try? store.close() }
        #expect(try store.records(partition).count == 50)
        let report = try #require(store.recoveryReports.first)
        #expect(report.truncatedBytes == (kind == "zeros" ? 4096 : 300))
        #expect(report.truncatedAtOffset == 50)
        #expect(messages.all.contains { $0.contains("truncated \(report.truncatedBytes) bytes") })
    }

    @Test func flippedByteIsDetectedWhenReadAndRepaired() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try populate(directory, batches: 40, segmentBytes: 2048)
        let files = try segmentFiles(directory)
        #expect(files.count > 3)
        // Flip one bit in the value of the third batch of the first segment.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: files[0])))
        let batchSize = bytes.withUnsafeBytes { RecordBatchHeader(parsing: $0.baseAddress!).totalSize }
        bytes[2 * batchSize + 100] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: files[0]))

        let store = try open(directory, segmentBytes: 2048)
        defer { try? store.close() }
        let fetch = try store.read(partition, from: 0, maxBytes: 2 * batchSize)
        #expect(fetch.nextOffset == 20)
        #expect(
            throws: LogError.corruptBatch(
                topic: "t", partition: 0, offset: 20, reason: "checksum mismatch (segment 0, position \(2 * batchSize))"
            )
        ) { try store.read(partition, from: 20) }
        #expect(try store.records(partition, from: 30).count == 370)

        let verification = try #require(try store.verify(topic: "t").first)
        #expect(verification.problem?.offset == 20)
        #expect(verification.problem?.reason == "checksum mismatch")
        let repair = try #require(try store.repair(topic: "t").first)
        #expect(repair.droppedRecords == 380)
        #expect(try store.records(partition).count == 20)
        #expect(try store.verify(topic: "t").first?.problem == nil)
        #expect(try store.appendStrings([("after", "repair")], to: partition) == 20)
    }

    /// Flips a bit in the second batch of the only segment and removes the clean-shutdown marker;
    /// `recoveryPoint` replaces the stored recovery point when given.
    func corruptSecondBatchAndCrash(_ directory: TemporaryDirectory, recoveryPoint: Int64? = nil) throws -> Int {
        let file = try #require(try segmentFiles(directory).first)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let batchSize = bytes.withUnsafeBytes { RecordBatchHeader(parsing: $0.baseAddress!).totalSize }
        bytes[batchSize + 100] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let partitionDirectory = directory.path + "/topics/t/0/"
        try FileManager.default.removeItem(atPath: partitionDirectory + PartitionRecovery.cleanShutdownFile)
        if let recoveryPoint {
            try Data(PartitionRecovery.encodeRecoveryPoint(recoveryPoint))
                .write(to: URL(fileURLWithPath: partitionDirectory + PartitionRecovery.recoveryPointFile))
        }
        return batchSize
    }

    @Test func aFlippedBitInSyncedDataIsKeptAndReportedNotCut() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try populate(directory, batches: 5)
        _ = try corruptSecondBatchAndCrash(directory)
        let store = try open(directory)
        defer { try? store.close() }
        let report = try #require(try store.openAllPartitions().first)
        #expect(report.truncatedBytes == 0, "synced batches after the bad one are not cut")
        #expect(report.corruptStretches.map(\.offset) == [10])
        #expect(try store.read(partition, from: 0, maxBytes: 1).nextOffset == 10, "the first batch reads")
        #expect(throws: LogError.self) { try store.records(partition, from: 10) }
        #expect(try store.verify(topic: "t").first?.problem?.offset == 10)
        #expect(try store.appendStrings([("new", "x")], to: partition) == 50)
        let repair = try #require(try store.repair(topic: "t").first)
        #expect(repair.droppedRecords == 41)
    }

    @Test func aFlippedBitInTheLastSyncedBatchIsKeptToo() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try populate(directory, batches: 3)
        let file = try #require(try segmentFiles(directory).first)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[bytes.count - 5] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let store = try open(directory)
        defer { try? store.close() }
        let report = try #require(try store.openAllPartitions().first)
        #expect(report.truncatedBytes == 0)
        #expect(report.corruptStretches.map(\.offset) == [20])
        #expect(try store.endOffset(partition) == 30)
        #expect(try store.read(partition, from: 0).nextOffset == 20, "the good batches before it still read")
        #expect(throws: LogError.self) { try store.records(partition, from: 20) }
    }

    @Test func aBadBatchInUnsyncedDataIsCutAsACrashLeftIt() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try populate(directory, batches: 5)
        _ = try corruptSecondBatchAndCrash(directory, recoveryPoint: 0)
        let store = try open(directory)
        defer { try? store.close() }
        let report = try #require(try store.openAllPartitions().first)
        #expect(report.truncatedAtOffset == 10)
        #expect(report.corruptStretches.isEmpty)
        #expect(try store.records(partition).count == 10)
    }

    @Test func flippedHeaderByteOutsideTheCRCIsDetected() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try populate(directory, batches: 40)
        let file = try #require(try segmentFiles(directory).first)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let batchSize = bytes.withUnsafeBytes { RecordBatchHeader(parsing: $0.baseAddress!).totalSize }
        bytes[batchSize + 7] ^= 0x01  // the base offset of the second batch
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let store = try open(directory)
        defer { try? store.close() }
        #expect(throws: LogError.corruptBatch(topic: "t", partition: 0, offset: 10, reason: "batch claims offset 11")) {
            try store.records(partition)
        }
        #expect(try store.verify(topic: "t").first?.problem?.offset == 10)
    }

    @Test func deletedIndexIsRebuilt() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try populate(directory, batches: 40, segmentBytes: 2048)
        let files = try segmentFiles(directory)
        let index = files[1].replacingOccurrences(of: ".log", with: ".index")
        let timeIndex = files[1].replacingOccurrences(of: ".log", with: ".timeindex")
        try FileManager.default.removeItem(atPath: index)
        try FileManager.default.removeItem(atPath: timeIndex)
        let store = try open(directory, segmentBytes: 2048)
        defer { try? store.close() }
        try store.openAllPartitions()
        let base = Int64(URL(fileURLWithPath: files[1]).deletingPathExtension().lastPathComponent)!
        #expect(store.recoveryReports.first?.rebuiltIndexes == [base])
        #expect(FileManager.default.fileExists(atPath: index))
        #expect(FileManager.default.fileExists(atPath: timeIndex))
        #expect(try store.records(partition, from: base + 3).first?.offset == base + 3)
        #expect(try store.records(partition).count == 400)
    }

    @Test func powerLossKeepsEveryRecordAcknowledgedWithSyncAlways() throws {
        let fileSystem = SimulatedFileSystem()
        let options = testOptions(sync: .always, fileSystem: fileSystem, segmentBytes: 4096, indexInterval: 256)
        var acknowledged: [String] = []
        var store = try LogStore(directory: "/data", options: options)
        try store.createTopic("t")
        for round in 0..<12 {
            for batch in 0..<Int.random(in: 1...40) {
                let values = (0..<Int.random(in: 1...5)).map { "r\(round)-b\(batch)-\($0)" }
                try store.appendStrings(values.map { (nil, $0) }, to: partition)
                acknowledged += values
            }
            store.simulateCrash()
            fileSystem.simulatePowerLoss(tearingWrites: true)
            store = try LogStore(directory: "/data", options: options)
            #expect(try store.records(partition).map { $0.value! } == acknowledged)
        }
        try store.close()
    }

    @Test func powerLossWithoutSyncLosesUnsyncedDataButStaysConsistent() throws {
        let fileSystem = SimulatedFileSystem()
        let options = testOptions(sync: .never, fileSystem: fileSystem, segmentBytes: 4096, indexInterval: 256)
        var store = try LogStore(directory: "/data", options: options)
        try store.createTopic("t")
        for batch in 0..<50 { try store.appendStrings([(nil, "first-\(batch)")], to: partition) }
        try store.close()  // a clean close syncs
        store = try LogStore(directory: "/data", options: options)
        for batch in 0..<50 { try store.appendStrings([(nil, "second-\(batch)")], to: partition) }
        store.simulateCrash()
        fileSystem.simulatePowerLoss(tearingWrites: true)
        store = try LogStore(directory: "/data", options: options)
        defer { try? store.close() }
        let values = try store.records(partition).map { $0.value! }
        #expect(values.count >= 50 && values.count < 100)
        #expect(Array(values.prefix(50)) == (0..<50).map { "first-\($0)" })
        #expect(try store.verify(topic: "t").first?.problem == nil)
    }

    @Test func intervalModeKeepsWhatTheLastFlushCovered() throws {
        let fileSystem = SimulatedFileSystem()
        let options = testOptions(sync: .interval, fileSystem: fileSystem)
        var store = try LogStore(directory: "/data", options: options)
        try store.createTopic("t")
        for batch in 0..<10 { try store.appendStrings([(nil, "kept-\(batch)")], to: partition) }
        try store.flush()
        for batch in 0..<10 { try store.appendStrings([(nil, "lost-\(batch)")], to: partition) }
        store.simulateCrash()
        fileSystem.simulatePowerLoss()
        store = try LogStore(directory: "/data", options: options)
        defer { try? store.close() }
        #expect(try store.records(partition).map { $0.value! } == (0..<10).map { "kept-\($0)" })
    }
}

// SPDX-License-Identifier: Apache-2.0
import Foundation
import SluiceTestSupport
import Testing

@testable import SluiceLog

/// Kills a real `sluice` process with SIGKILL in the middle of appending, again and again, and checks
/// after each kill that the reopened log holds every acknowledged record, intact and in place.
@Suite(.serialized) struct CrashTests {
    let partition = TopicPartition("crash", 0)

    @Test func killNineMidAppendLosesNothingAcknowledged() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var acknowledgedEnd: Int64 = 0
        let kills = 24
        for round in 0..<kills {
            let child = try ChildProcess(
                [
                    "log-writer", "crash", "--data", directory.path, "--sync", round % 8 == 0 ? "always" : "interval",
                    "--batch", String(Int.random(in: 1...60)),
                ])
            #expect(child.nextLine() == "ready")
            let wanted = Int.random(in: 1...40)
            var acks = 0
            while acks < wanted, let line = child.nextLine() {
                if let end = Self.acknowledgedEnd(line) {
                    acknowledgedEnd = max(acknowledgedEnd, end)
                    acks += 1
                }
            }
            child.kill9()
            for line in child.remainingLines() {
                if let end = Self.acknowledgedEnd(line) { acknowledgedEnd = max(acknowledgedEnd, end) }
            }
            #expect(acks == wanted, "round \(round): the writer stopped early")

            let store = try LogStore(directory: directory.path, options: testOptions())
            let records = try store.records(partition)
            #expect(Int64(records.count) >= acknowledgedEnd, "round \(round): lost acknowledged records")
            #expect(records.enumerated().allSatisfy { $1.offset == Int64($0) && $1.value == "v\($1.offset)" })
            #expect(try store.verify(topic: "crash").first?.problem == nil)
            // Leave it as a crash would, so the next writer recovers an unclean log too.
            store.simulateCrash()
        }
        #expect(acknowledgedEnd > Int64(kills))
    }

    @Test func killNineMidTransactionNeverExposesUncommittedData() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var committed = 0
        for round in 0..<8 {
            let batch = 10
            let child = try ChildProcess(
                [
                    "log-writer", "crash", "--data", directory.path, "--transactional", "crash-job", "--batch",
                    String(batch),
                ])
            #expect(child.nextLine() == "ready")
            let wanted = Int.random(in: 1...12)
            var appends = 0
            while appends < wanted, let line = child.nextLine() {
                if line.hasPrefix("append") { appends += 1 }
                if line.hasPrefix("commit") { committed += 1 }
            }
            child.kill9()
            committed += child.remainingLines().filter { $0.hasPrefix("commit") }.count

            let store = try LogStore(directory: directory.path, options: testOptions())
            let visible = try store.records(partition)
            // Whole transactions only: the acknowledged ones, and perhaps the one whose commit was cut off.
            #expect(visible.count % (2 * batch) == 0, "round \(round)")
            #expect(visible.count >= committed * 2 * batch && visible.count <= (committed + 1) * 2 * batch)
            #expect(visible.allSatisfy { $0.value == "v\($0.offset)" })
            committed = visible.count / (2 * batch)
            try store.close()
        }
    }

    @Test func aKilledOwnerReleasesTheDataDirectory() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let owner = try ChildProcess(["log-writer", "crash", "--data", directory.path])
        #expect(owner.nextLine() == "ready")
        #expect(
            throws: DataDirectoryLockError(
                directory: directory.path, ownerPID: owner.pid,
                ownerCommand: "sluice log-writer crash --data \(directory.path)")
        ) { _ = try DataDirectoryLock(directory: directory.path, command: "test") }
        let second = try runSluice(["topic", "list", "--data", directory.path])
        #expect(second.status == 1)
        #expect(
            second.error.contains("is in use by pid \(owner.pid) (sluice log-writer crash --data \(directory.path))"))
        owner.kill9()
        let lock = try DataDirectoryLock(directory: directory.path, command: "test")
        #expect(DataDirectoryLock.owner(of: directory.path).pid == getpid())
        withExtendedLifetime(lock) {}
    }

    /// The end offset an `ack <base> <count>` line acknowledges.
    static func acknowledgedEnd(_ line: String) -> Int64? {
        let parts = line.split(separator: " ")
        guard parts.count == 3, parts[0] == "ack", let base = Int64(parts[1]), let count = Int64(parts[2]) else {
            return nil
        }
        return base + count
    }
}

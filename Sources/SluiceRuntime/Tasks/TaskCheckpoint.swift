import Foundation
import SluiceState

/// What a persistent task commits atomically with its output: where to resume reading, and which
/// transaction holds the output of the input before that position.
///
/// Written (synced) before the transaction's COMMIT markers: it is the commit decision. On restart,
/// a transaction left open whose number matches the checkpoint is rolled forward; any other is aborted.
struct TaskCheckpoint: Codable, Equatable {
    /// The next offset of the source partition to read.
    var position: Int64
    /// The transaction the output up to `position` was written in (nil before the first commit).
    var transactionNumber: Int64?

    static func key(task: Int) -> [UInt8] { Array("task/\(task)/checkpoint".utf8) }

    static func load(task: Int, from store: any StateStore) throws -> TaskCheckpoint? {
        guard let bytes = try store.get(key(task: task)) else { return nil }
        return try JSONDecoder().decode(TaskCheckpoint.self, from: Data(bytes))
    }

    func save(task: Int, to store: any StateStore) throws {
        var batch = StateWriteBatch()
        batch.put(TaskCheckpoint.key(task: task), Array(try JSONEncoder().encode(self)))
        try store.commit(batch, sync: true)
    }
}

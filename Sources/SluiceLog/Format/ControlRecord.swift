// SPDX-License-Identifier: Apache-2.0

/// The marker that ends a transaction in a partition, as Kafka's control records.
///
/// A control batch holds one record: its key is a version (Int16, 0) and the marker type (Int16:
/// 0 abort, 1 commit); its value is a version (Int16, 0) and the coordinator epoch (Int32).
enum TransactionMarker: Int16, Sendable {
    case abort = 0
    case commit = 1

    /// Builds the control batch for this marker into `builder` (which is reset first).
    func encode(into builder: RecordBatchBuilder, timestamp: Int64) {
        builder.reset()
        let key: [UInt8] = [0, 0, 0, UInt8(rawValue)]
        let value: [UInt8] = [0, 0, 0, 0, 0, 0]
        builder.append(key: key, value: value, timestamp: timestamp)
    }

    /// Reads the marker type from a control batch; nil when the batch is not a valid marker.
    static func decode(batch: UnsafeRawPointer, header: RecordBatchHeader) -> TransactionMarker? {
        var marker: TransactionMarker?
        try? forEachRecord(in: batch, header: header, skipBelow: Int64.min) { record in
            guard marker == nil, let key = record.key, key.count >= 4 else { return }
            let type = loadBigEndian(key.baseAddress!, 2, as: Int16.self)
            marker = TransactionMarker(rawValue: type)
        }
        return marker
    }
}

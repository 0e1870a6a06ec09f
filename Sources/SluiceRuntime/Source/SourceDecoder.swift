import SluiceCore
import SluiceFormats
import SluiceLog
import SluicePlan

/// Turns the records of one fetch into source rows: key and value decoded into their columns,
/// headers, then `ROWTIME`, `ROWPARTITION` and `ROWOFFSET` after the declared columns.
///
/// A record that can't be decoded, or whose timestamp can't be extracted, is reported to the
/// processing log and skipped; the task keeps going. A record with no value becomes a row marked
/// `isNullValue` (its key columns set), which projections pass on and filters drop.
final class SourceDecoder {
    private let step: SourceStep
    private let partition: Int32
    private let keyDecoder: any RowDecoder
    private let valueDecoder: any RowDecoder
    private let headerSlots: [(slot: Int, name: String?)]
    private let timestamp: TimestampExtractor?
    private let rowtimeSlot: Int
    private let partitionSlot: Int
    private let offsetSlot: Int
    /// Text and bytes of decoded rows live here; a new arena per batch keeps old batches valid.
    private var arena = ByteArena()

    init(step: SourceStep, partition: Int) throws {
        self.step = step
        self.partition = Int32(partition)
        let columns = step.schema.columns
        let keyIndexes = columns.indices.filter { columns[$0].kind == .key }
        let valueIndexes = columns.indices.filter { columns[$0].kind == .value }
        keyDecoder = try Serdes.makeDecoder(
            format: step.keyFormat, columns: keyIndexes.map { columns[$0] }, isKey: true, slots: keyIndexes)
        valueDecoder = try Serdes.makeDecoder(
            format: step.valueFormat, columns: valueIndexes.map { columns[$0] }, isKey: false, slots: valueIndexes)
        headerSlots = columns.indices.compactMap { index in
            switch columns[index].kind {
            case .headers: (index, nil)
            case .header(let name): (index, name)
            default: nil
            }
        }
        timestamp = try step.timestamp.map { try TimestampExtractor(spec: $0, schema: step.schema) }
        rowtimeSlot = step.slot(of: .rowtime)
        partitionSlot = step.slot(of: .rowpartition)
        offsetSlot = step.slot(of: .rowoffset)
    }

    /// Appends the rows of `fetch` to `batch`; bad records go to `context`.
    func decode(_ fetch: FetchResult, into batch: inout RowBatch, context: OperatorContext) throws {
        arena = ByteArena()
        try fetch.forEach { record in
            var origin = RowOrigin(partition: partition, offset: record.offset, isNullValue: record.value == nil)
            var keep = true
            batch.appendRow(timestamp: record.timestamp, origin: origin) { row in
                do {
                    _ = try keyDecoder.decode(record.key, into: row, arena: &arena)
                } catch {
                    context.report("deserialization", "Failed to deserialize key from topic: \(step.topic). \(error)", origin: origin)
                    keep = false
                    return
                }
                do {
                    if !(try valueDecoder.decode(record.value, into: row, arena: &arena)) { origin.isNullValue = true }
                } catch {
                    context.report(
                        "deserialization", "Failed to deserialize value from topic: \(step.topic). \(error)", origin: origin)
                    keep = false
                    return
                }
                if !headerSlots.isEmpty { fillHeaders(record.headers, into: row) }
                row[partitionSlot] = .integer(partition)
                row[offsetSlot] = .bigint(record.offset)
                row[rowtimeSlot] = .bigint(record.timestamp)
            }
            guard keep else {
                batch.removeLastRow()
                return
            }
            if !record.headers.isEmpty {
                var headers: [RecordHeader] = []
                record.headers.forEach { key, value in
                    headers.append(RecordHeader(String(decoding: key, as: UTF8.self), value.map { Array($0) }))
                }
                origin.headers = batch.addHeaders(headers)
            }
            if origin.isNullValue || origin.headers >= 0 { batch.setOrigin(origin, ofRow: batch.count - 1) }
            if let timestamp, !origin.isNullValue {
                let index = batch.count - 1
                let extracted = batch.values.withUnsafeBufferPointer { all in
                    timestamp.extract(from: UnsafeBufferPointer(rebasing: all[index * batch.width..<(index + 1) * batch.width]))
                }
                switch extracted {
                case .success(let millis):
                    batch.setTimestamp(millis, ofRow: index)
                    batch.setValue(.bigint(millis), row: index, slot: rowtimeSlot)
                case .failure(let message):
                    if step.failsOnInvalidTimestamp {
                        throw RuntimeError("Fatal user code error in TimestampExtractor callback for record: topic "
                            + "\(step.topic), partition \(partition), offset \(record.offset): \(message)")
                    }
                    context.report("timestamp", message, origin: origin)
                    batch.removeLastRow()
                }
            }
        }
    }

    private func fillHeaders(_ headers: RecordHeadersView, into row: UnsafeMutableBufferPointer<Value>) {
        var all: [Value] = []
        var named: [String: Value] = [:]
        headers.forEach { key, value in
            let name = String(decoding: key, as: UTF8.self)
            let bytes: Value = value.map { .bytes(arena.append($0)) } ?? .null
            all.append(.struct([.string(ByteString(name)), bytes]))
            named[name] = bytes
        }
        for (slot, name) in headerSlots {
            if let name {
                row[slot] = named[name] ?? .null
            } else {
                row[slot] = .array(all)
            }
        }
    }
}

import SluiceCore
import SluiceFormats
import SluiceLog
import SluicePlan

/// Turns the records of one fetch into source rows: key and value decoded into their columns,
/// headers, then `ROWTIME`, `ROWPARTITION` and `ROWOFFSET` after the declared columns.
///
/// Only the value columns the query reads are decoded (the others stay NULL and the JSON scanner
/// skips them). A record that can't be decoded, or whose timestamp can't be extracted, is reported
/// to the processing log and skipped; the task keeps going. A record with no value becomes a row
/// marked `isNullValue` (its key columns set), which projections pass on and filters drop.
final class SourceDecoder {
    private let step: SourceStep
    private let partition: Int32
    private let keyDecoder: any RowDecoder
    /// Whether the source has key columns (a keyless source's key decoder reads nothing, so it is not called).
    private let decodesKey: Bool
    private let valueDecoder: any RowDecoder
    private let headerSlots: [(slot: Int, name: String?)]
    private var timestamp: TimestampExtractor?
    private let rowtimeSlot: Int
    private let partitionSlot: Int
    private let offsetSlot: Int
    /// For a windowed source: its key layout and the slots of WINDOWSTART and WINDOWEND.
    private let window: (layout: KeyWindow, start: Int, end: Int)?
    /// Text and bytes of decoded rows live here; a new arena per batch keeps old batches valid.
    private var arena = ByteArena()

    /// - Parameter neededSlots: the source slots the query reads; `nil` decodes every column.
    init(step: SourceStep, partition: Int, neededSlots: Set<Int>? = nil) throws {
        self.step = step
        self.partition = Int32(partition)
        let columns = step.schema.columns
        let keyIndexes = columns.indices.filter { columns[$0].kind == .key }
        var needed = neededSlots
        if let column = step.timestamp?.column { needed?.insert(column) }
        let valueIndexes = columns.indices.filter { columns[$0].kind == .value }
        keyDecoder = try Serdes.makeDecoder(
            format: step.keyFormat, columns: keyIndexes.map { columns[$0] }, isKey: true, slots: keyIndexes)
        decodesKey = !keyIndexes.isEmpty
        let unread = valueIndexes.indices.filter { needed?.contains(valueIndexes[$0]) == false }
        valueDecoder = try Serdes.makeDecoder(
            format: step.valueFormat, columns: valueIndexes.map { columns[$0] }, isKey: false, slots: valueIndexes,
            skipping: Set(unread))
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
        window = step.window.flatMap { layout in step.windowBoundSlots.map { (layout, $0.start, $0.end) } }
    }

    /// Appends the rows of `fetch` to `batch`; bad records go to `context`.
    func decode(_ fetch: FetchResult, into batch: inout RowBatch, context: OperatorContext) throws {
        arena.recycle()
        let headerBase = Int32(batch.headerSets.count)
        try batch.append(rows: fetch.batchRecordCount) { appender in
            try fetch.forEach { record in
                let row = appender.nextRow()
                var origin = RowOrigin(
                    partition: partition, offset: record.offset, isNullValue: record.value == nil, isNullKey: record.key == nil)
                do {
                    if let window {
                        try decodeWindowedKey(record.key, window: window, into: row)
                    } else if decodesKey {
                        _ = try keyDecoder.decode(record.key, into: row, arena: &arena)
                    }
                } catch {
                    context.report("deserialization", "Failed to deserialize key from topic: \(step.topic). \(error)", origin: origin)
                    appender.discard()
                    return
                }
                do {
                    if !(try valueDecoder.decode(record.value, into: row, arena: &arena)) { origin.isNullValue = true }
                } catch {
                    context.report(
                        "deserialization", "Failed to deserialize value from topic: \(step.topic). \(error)", origin: origin)
                    appender.discard()
                    return
                }
                if !headerSlots.isEmpty { fillHeaders(record.headers, into: row) }
                if !record.headers.isEmpty { origin.headers = headerBase + queueHeaders(record.headers) }
                var time = record.timestamp
                if timestamp != nil, !origin.isNullValue {
                    switch timestamp!.extract(from: UnsafeBufferPointer(row)) {
                    case .success(let millis):
                        time = millis
                    case .failure(let message):
                        if step.failsOnInvalidTimestamp {
                            throw RuntimeError("Fatal user code error in TimestampExtractor callback for record: topic "
                                + "\(step.topic), partition \(partition), offset \(record.offset): \(message)")
                        }
                        context.report("timestamp", message, origin: origin)
                        appender.discard()
                        return
                    }
                }
                // No decoder writes the pseudo-columns, so they still hold NULL: no release needed.
                (row.baseAddress.unsafelyUnwrapped + partitionSlot).initialize(to: .integer(partition))
                (row.baseAddress.unsafelyUnwrapped + offsetSlot).initialize(to: .bigint(record.offset))
                (row.baseAddress.unsafelyUnwrapped + rowtimeSlot).initialize(to: .bigint(time))
                appender.commit(timestamp: time, origin: origin)
            }
        }
        for headers in headerBuffer { _ = batch.addHeaders(headers) }
        headerBuffer.removeAll(keepingCapacity: true)
    }

    /// Decodes the inner key of a windowed key and sets the row's window bounds.
    private func decodeWindowedKey(
        _ key: UnsafeRawBufferPointer?, window: (layout: KeyWindow, start: Int, end: Int),
        into row: UnsafeMutableBufferPointer<Value>
    ) throws {
        guard let key else {
            if decodesKey { _ = try keyDecoder.decode(nil, into: row, arena: &arena) }
            return
        }
        guard let split = window.layout.split(key) else {
            throw RuntimeError("a windowed key needs \(window.layout.suffixLength) bytes of window bounds, "
                + "the key has \(key.count) bytes")
        }
        if decodesKey {
            _ = try keyDecoder.decode(UnsafeRawBufferPointer(rebasing: key[0..<split.innerLength]), into: row, arena: &arena)
        }
        row[window.start] = .bigint(split.start)
        row[window.end] = .bigint(split.end)
    }

    /// Headers of this fetch's records, added to the batch once the rows are in.
    private var headerBuffer: [[RecordHeader]] = []

    /// Queues a record's headers; returns their index among this fetch's queued headers.
    private func queueHeaders(_ headers: RecordHeadersView) -> Int32 {
        var copied: [RecordHeader] = []
        headers.forEach { key, value in copied.append(RecordHeader(String(decoding: key, as: UTF8.self), value.map { Array($0) })) }
        headerBuffer.append(copied)
        return Int32(headerBuffer.count - 1)
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

import SluiceCore
import SluiceFormats
import SluiceLog
import SluicePlan
import SluiceTime

/// Encodes rows as records of the sink topic and collects them in one batch builder per partition.
///
/// A keyed record goes where Kafka's default partitioner puts its serialized key; a keyless one
/// stays in the partition it came from (modulo the sink's partition count), which keeps the
/// order of each input partition.
final class SinkWriter {
    let step: SinkStep
    let partitionCount: Int
    private let keyEncoder: any RowEncoder
    private let valueEncoder: any RowEncoder
    private let builders: [RecordBatchBuilder]
    /// `builders`, referred to without reference counting in the row loop.
    private let unownedBuilders: [Unmanaged<RecordBatchBuilder>]
    private var keyBuffer = OutputBuffer(capacity: 256)
    /// Rows written since the last flush.
    private(set) var pendingRows = 0
    let counters = OperatorCounters()
    private let timestampPattern: DateTimePattern?
    /// Where the row's explicit timestamp is, if the sink has one.
    private let timestampSlot: Int?
    /// Whether the sink has key columns (a keyless sink's key encoder writes nothing, so it is not called).
    private let encodesKey: Bool
    /// For a windowed sink: its key layout and where each row's WINDOWSTART and WINDOWEND are.
    private let window: (layout: KeyWindow, start: Int, end: Int)?

    /// - Parameter rowSlots: for each slot of the rows `step` describes, where it is in the rows
    ///   the writer receives (a projection of bare columns before it forwards its input); `nil`
    ///   when they are the same.
    init(step: SinkStep, partitionCount: Int, rowSlots: [Int]? = nil) throws {
        self.step = step
        self.partitionCount = partitionCount
        let columns = step.schema.columns
        let keyIndexes = columns.indices.filter { columns[$0].kind == .key }
        let valueIndexes = columns.indices.filter { columns[$0].kind != .key }
        let slot = { (slot: Int) in rowSlots?[slot] ?? slot }
        keyEncoder = try Serdes.makeEncoder(
            format: step.keyFormat, columns: keyIndexes.map { columns[$0] }, isKey: true,
            sources: keyIndexes.map { slot(step.slots[$0]) })
        valueEncoder = try Serdes.makeEncoder(
            format: step.valueFormat, columns: valueIndexes.map { columns[$0] }.map { Column($0.name, $0.type) },
            isKey: false, sources: valueIndexes.map { slot(step.slots[$0]) })
        timestampSlot = step.timestampSlot.map(slot)
        builders = (0..<partitionCount).map { _ in RecordBatchBuilder(capacity: 64 * 1024) }
        unownedBuilders = builders.map { Unmanaged.passUnretained($0) }
        encodesKey = !keyIndexes.isEmpty
        timestampPattern = try step.timestampFormat.map { try DateTimePattern($0) }
        if let layout = step.window, let slots = step.windowSlots, slots.count == 2 {
            window = (layout, slot(slots[0]), slot(slots[1]))
        } else {
            window = nil
        }
    }

    var label: String { "Sink[\(step.topic), partitions=\(partitionCount)]" }

    /// Encodes every row of `batch` into the builders; rows that can't be encoded are reported and dropped.
    func write(_ batch: RowBatch, context: OperatorContext) {
        var written = 0
        let timestampSlot = self.timestampSlot
        let encodesKey = self.encodesKey
        batch.forEachRow { index, row in
            let origin = batch.origin(ofRow: index)
            keyBuffer.removeAll()
            let hasKey: Bool
            do {
                hasKey = encodesKey && !origin.isNullKey ? try keyEncoder.encode(row, into: &keyBuffer) : false
            } catch {
                context.report("serialization", "Failed to serialize row for topic \(step.topic): \(error)", origin: origin)
                return
            }
            let partition: Int
            if hasKey {
                partition = keyBuffer.withUnsafeBytes {
                    Int(KeyPartitioner.partition(forKey: $0, partitionCount: partitionCount))
                }
            } else {
                // Usually the sink has as many partitions as the source: no division needed.
                let source = Int(origin.partition)
                partition = source < partitionCount ? source : source % partitionCount
            }
            // A windowed key is partitioned by its inner key, then gets its window's bounds.
            if hasKey, let window {
                guard case .bigint(let start) = row[window.start], case .bigint(let end) = row[window.end] else {
                    context.report("serialization", "Failed to serialize row for topic \(step.topic): the row has no window",
                                   origin: origin)
                    return
                }
                window.layout.appendBounds(start: start, end: end) { keyBuffer.append($0) }
            }
            // The builders live as long as this writer: no retain per row.
            let builder = unownedBuilders[partition]
            // The value is encoded straight into the partition's batch (a value too long for the
            // room reserved there moves to memory of its own and is copied instead).
            let room = builder._withUnsafeGuaranteedRef {
                $0.reserveValue(keyLength: hasKey ? keyBuffer.count : -1, minimumCapacity: 4096)
            }
            var value = OutputBuffer(borrowing: room.start, capacity: room.capacity)
            let hasValue: Bool
            do {
                hasValue = origin.isNullValue ? false : try valueEncoder.encode(row, into: &value)
            } catch {
                context.report("serialization", "Failed to serialize row for topic \(step.topic): \(error)", origin: origin)
                return
            }
            var timestamp = batch.timestamp(ofRow: index)
            if let timestampSlot {
                if let explicit = Self.millis(row[timestampSlot]) {
                    timestamp = explicit
                } else if case .string(let text) = row[timestampSlot], let timestampPattern {
                    guard let parsed = try? text.withBytes({ try timestampPattern.parseTimestamp($0) }) else {
                        context.report("timestamp", "Failed to parse sink timestamp '\(text)' with format "
                            + "'\(timestampPattern.pattern)'", origin: origin)
                        return
                    }
                    timestamp = parsed
                }
            }
            guard timestamp >= 0 else {
                context.report("serialization", "Cannot write a record with a negative timestamp (\(timestamp)) to topic \(step.topic)",
                               origin: origin)
                return
            }
            let headerIndex = Int(origin.headers)
            keyBuffer.withUnsafeBytes { key in
                builder._withUnsafeGuaranteedRef { builder in
                    let key = hasKey ? key : nil
                    if hasValue && value.isBorrowing {
                        if headerIndex >= 0 {
                            builder.appendReservedValue(
                                key: key, length: value.count, timestamp: timestamp, headers: batch.headerSets[headerIndex])
                        } else {
                            builder.appendReservedValue(key: key, length: value.count, timestamp: timestamp)
                        }
                        return
                    }
                    value.withUnsafeBytes { bytes in
                        let bytes = hasValue ? bytes : nil
                        if headerIndex >= 0 {
                            builder.append(key: key, value: bytes, timestamp: timestamp, headers: batch.headerSets[headerIndex])
                        } else {
                            builder.append(key: key, value: bytes, timestamp: timestamp)
                        }
                    }
                }
            }
            written += 1
        }
        pendingRows += written
        counters.add(rowsIn: batch.count, rowsOut: written)
    }

    /// Appends every non-empty builder through `append` and empties them.
    func flush(_ append: (RecordBatchBuilder, TopicPartition) throws -> Void) throws {
        for (partition, builder) in builders.enumerated() where builder.count > 0 {
            try append(builder, TopicPartition(step.topic, partition))
            builder.reset()
        }
        pendingRows = 0
    }

    /// Forgets what was buffered (the transaction it belonged to was aborted).
    func discard() {
        for builder in builders { builder.reset() }
        pendingRows = 0
    }

    private static func millis(_ value: Value) -> Int64? {
        switch value {
        case .bigint(let v): v
        case .timestamp(let v): v
        case .integer(let v): Int64(v)
        default: nil
        }
    }
}

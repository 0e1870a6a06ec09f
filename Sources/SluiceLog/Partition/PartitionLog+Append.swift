// SPDX-License-Identifier: Apache-2.0

/// How a batch is stamped when it is appended.
struct AppendStamp {
    var producer: ProducerStamp = .none
    var transactional = false
    var control = false

    var attributes: Int16 {
        (transactional ? RecordBatchHeader.transactionalFlag : 0) | (control ? RecordBatchHeader.controlFlag : 0)
    }
}

extension PartitionLog {
    /// Appends the batch in `builder`: assigns offsets, seals the header and CRC, writes it, and
    /// (with `SyncMode.always`) syncs before returning. Returns the batch's base offset.
    func append(_ builder: RecordBatchBuilder, stamp: AppendStamp = AppendStamp()) throws(LogError) -> Int64 {
        guard builder.count > 0 else { throw LogError.invalidBatch("a batch needs at least one record") }
        guard builder.byteCount <= context.maxBatchBytes else {
            throw LogError.invalidBatch(
                "\(builder.byteCount) bytes is over the \(context.maxBatchBytes)-byte batch limit")
        }
        let (baseOffset, watchers) = try writer.withLock {
            (writer) throws(LogError) -> (Int64, [any PartitionWatcher]) in
            guard !writer.closed else { throw LogError.closed }
            if stamp.transactional {
                try writer.producers.checkEpoch(producerId: stamp.producer.producerId, epoch: stamp.producer.epoch)
            }
            return try appendLocked(&writer, builder: builder, stamp: stamp, marker: nil)
        }
        if !watchers.isEmpty { notify(watchers) }
        return baseOffset
    }

    /// Writes a COMMIT or ABORT marker for the producer's open transaction in this partition.
    ///
    /// Returns the marker's offset, or nil when the producer has no open transaction here (the marker
    /// was already written before a crash, say), which makes completing a transaction idempotent.
    func appendMarker(_ marker: TransactionMarker, producerId: Int64, epoch: Int16) throws(LogError) -> Int64? {
        let result = try writer.withLock { (writer) throws(LogError) -> (Int64, [any PartitionWatcher])? in
            guard !writer.closed else { throw LogError.closed }
            try writer.producers.checkEpoch(producerId: producerId, epoch: epoch)
            guard writer.producers.openTransactionStart(of: producerId) != nil else { return nil }
            let builder = RecordBatchBuilder(capacity: 128)
            marker.encode(into: builder, timestamp: context.clock())
            let stamp = AppendStamp(
                producer: ProducerStamp(producerId: producerId, epoch: epoch, baseSequence: -1),
                transactional: true, control: true)
            return try appendLocked(&writer, builder: builder, stamp: stamp, marker: marker)
        }
        guard let (offset, watchers) = result else { return nil }
        if !watchers.isEmpty { notify(watchers) }
        return offset
    }

    /// Raises the producer's epoch here so that appends and markers of older instances fail.
    func fence(producerId: Int64, epoch: Int16) {
        writer.withLock { $0.producers.fence(producerId: producerId, epoch: epoch) }
    }

    /// The epoch this partition last saw for a producer.
    func producerEpoch(_ producerId: Int64) -> Int16? {
        writer.withLock { $0.producers.epoch(of: producerId) }
    }

    private func appendLocked(
        _ writer: inout Writer, builder: RecordBatchBuilder, stamp: AppendStamp, marker: TransactionMarker?
    ) throws(LogError) -> (Int64, [any PartitionWatcher]) {
        let batch = builder.batch
        let size = Int64(batch.count)
        let baseOffset = writer.nextOffset
        let now = context.clock()
        let active = writer.active
        let lastOffsetDelta = Int64(builder.count - 1)
        if active.size > 0
            && (active.size + size > context.segmentBytes
                || now - active.created >= context.segmentMilliseconds
                || baseOffset + lastOffsetDelta - active.baseOffset >= Int64(Int32.max))
        {
            try roll(&writer, now: now)
        }
        RecordBatchHeader.seal(
            batch.baseAddress!, totalSize: batch.count, baseOffset: baseOffset, attributes: stamp.attributes,
            lastOffsetDelta: Int32(lastOffsetDelta), baseTimestamp: builder.baseTimestamp,
            maxTimestamp: builder.maxTimestamp, producer: stamp.producer, recordCount: Int32(builder.count))
        let position = writer.active.size
        do {
            try writer.activeFile.write(UnsafeRawBufferPointer(batch), at: position)
            if context.syncMode == .always { try writer.activeFile.sync() }
        } catch {
            // Leave no partial batch behind: the next append would otherwise land after garbage.
            try? writer.activeFile.truncate(to: position)
            throw error
        }
        let header = RecordBatchHeader(parsing: batch.baseAddress!)
        writer.nextOffset = header.nextOffset
        let aborted = stamp.producer.producerId >= 0 ? writer.producers.apply(header, marker: marker) : nil
        if let aborted {
            try recordAborted(aborted, writer: &writer)
        }
        let stable = writer.producers.firstUnstableOffset
        let segment = writer.active
        let interval = context.indexIntervalBytes
        let watchers = published.withLock { state -> [any PartitionWatcher] in
            segment.account(header, at: position, indexInterval: interval)
            segment.lastModified = now
            if context.syncMode == .always { segment.syncedSize = segment.size }
            state.endOffset = header.nextOffset
            state.lastStableOffset = max(state.startOffset, stable ?? header.nextOffset)
            if let aborted { state.aborted.append(aborted) }
            return state.watchers.isEmpty ? [] : Array(state.watchers.values)
        }
        return (baseOffset, watchers)
    }

    private func recordAborted(_ aborted: AbortedTransaction, writer: inout Writer) throws(LogError) {
        guard let file = writer.abortedFile else { return }
        let size = try file.size()
        let usable = size - size % Int64(AbortedTransactionFile.entrySize)
        try file.write(AbortedTransactionFile.encode(aborted), at: usable)
        if context.syncMode == .always { try file.sync() }
    }

    /// Closes the active segment and starts a new one at the next offset.
    func roll(_ writer: inout Writer, now: Int64) throws(LogError) {
        let old = writer.active
        let newBase = writer.nextOffset
        published.withLock { _ in sealTimeIndex(old) }
        try old.persistIndexes(sync: context.syncsOnRoll)
        if context.syncsOnRoll {
            try writer.activeFile.sync()
            try writer.abortedFile?.sync()
        }
        let fileSystem = context.fileSystem
        let snapshotPath = context.directory + "/" + LogSegment.fileName(newBase, "snapshot")
        try fileSystem.writeAtomically(writer.producers.encodeSnapshot(), to: snapshotPath, sync: context.syncsOnRoll)
        let file = try fileSystem.openFile(context.directory + "/" + LogSegment.fileName(newBase, "log"), create: true)
        try file.truncate(to: 0)
        if context.syncsOnRoll { try fileSystem.syncDirectory(context.directory) }
        if context.syncsOnRoll {
            try fileSystem.writeAtomically(
                PartitionRecovery.encodeRecoveryPoint(newBase),
                to: context.directory + "/" + PartitionRecovery.recoveryPointFile)
        }
        let previousSnapshot = context.directory + "/" + LogSegment.fileName(old.baseOffset, "snapshot")
        try fileSystem.remove(previousSnapshot)
        let segment = LogSegment(
            baseOffset: newBase, directory: context.directory, fileSystem: fileSystem, size: 0, nextOffset: newBase,
            lastModified: now, file: file)
        writer.active = segment
        writer.activeFile = file
        published.withLock { $0.segments.append(segment) }
    }

    /// Writes pending index entries and syncs the active segment (the `interval` sync mode's tick).
    func flush() throws(LogError) {
        let pending = try writer.withLock { (writer) throws(LogError) -> (any LogFile, LogSegment, Int64)? in
            guard !writer.closed, writer.active.syncedSize < writer.active.size else { return nil }
            try writer.active.persistIndexes(sync: false)
            return (writer.activeFile, writer.active, writer.active.size)
        }
        guard let (file, segment, size) = pending else { return }
        // Sync outside the writer lock so appends continue meanwhile.
        try file.sync()
        try writer.withLock { (writer) throws(LogError) in
            try writer.abortedFile?.sync()
            if segment === writer.active { segment.syncedSize = max(segment.syncedSize, size) }
        }
    }
}

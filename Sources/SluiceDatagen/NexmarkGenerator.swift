/// A deterministic Nexmark event generator that writes each event as one JSON object.
///
/// Events come in id order 0, 1, 2, ...: `id % 50` is 0 for a person, 1–3 for an auction and
/// 4–49 for a bid, and event `id` happens at `baseTimeMillis + id × 1e6 / rate` µs. Field values
/// follow nexmark-flink's generator rules as `shared/bench/gen_nexmark.py` does (see
/// `NexmarkRules` and the record writers); the JSON has the same field names, order and
/// `yyyy-MM-dd HH:mm:ss.SSS` timestamps as that script's output, so the values differ but the
/// shape, distributions and sizes match.
///
/// All randomness comes from one xoshiro256** stream seeded from `seed`, and only integer and
/// basic floating-point arithmetic is used, so a seed gives the same bytes on every machine.
/// Events can only be produced in order: event `n` depends on the draws of events `0 ..< n`.
///
///     let generator = NexmarkGenerator(seed: 42)
///     var value: [UInt8] = []
///     for _ in 0..<1_000 {
///         value.removeAll(keepingCapacity: true)
///         let event = generator.next(into: &value)
///         // append `value` to topic `event.kind.topicName` with timestamp `event.timestampMillis`
///     }
///
/// Not thread-safe: use one generator per thread.
public final class NexmarkGenerator {
    /// The seed every random choice derives from.
    public let seed: UInt64
    /// Events per second of event time.
    public let rate: Double
    /// The id of the event the next call writes.
    public private(set) var nextEventId: Int64 = 0

    private var writer: NexmarkRecordWriter
    private let delayMicros: Double

    /// Bytes of the largest record the rules allow, with room to spare: an auction is at most
    /// 133 bytes of field names and punctuation, 118 of item name and description, 541 of extra,
    /// 4 × 20 digits and 2 × 23 bytes of timestamps (longer only past the year 9999): under 1 KiB.
    static let scratchCapacity = 2048
    private let scratch: UnsafeMutablePointer<UInt8>

    /// Creates a generator.
    ///
    /// - Parameters:
    ///   - seed: the seed; equal seeds give equal events.
    ///   - rate: events per second of event time (Nexmark's `firstEventRate`); must be positive and
    ///     finite, and slow enough rates must not push the events generated past the year 9999
    ///     (`NexmarkRules.latestEventTimeMicros`), where epoch microseconds stop being dates.
    public init(seed: UInt64 = 42, rate: Double = NexmarkRules.defaultRate) {
        precondition(rate > 0 && rate.isFinite, "the Nexmark event rate must be positive and finite")
        self.seed = seed
        self.rate = rate
        writer = NexmarkRecordWriter(seed: seed, rate: rate)
        delayMicros = 1e6 / rate
        scratch = .allocate(capacity: Self.scratchCapacity)
    }

    deinit { scratch.deallocate() }

    /// The event time of event `eventId` in epoch microseconds: base time + `eventId × 1e6 / rate`, truncated.
    public func timestampMicros(ofEvent eventId: Int64) -> Int64 {
        NexmarkRules.baseTimeMillis * 1000 + Int64(Double(eventId) * delayMicros)
    }

    /// Writes the next event's JSON object (no trailing newline), appending it to `buffer`.
    ///
    /// - Returns: the event's id, kind and time.
    @discardableResult
    public func next(into buffer: inout [UInt8]) -> NexmarkEvent {
        next { event, bytes in
            buffer.append(contentsOf: bytes)
            return event
        }
    }

    /// Writes the next event's JSON object (no trailing newline) and passes it to `body`.
    ///
    /// The bytes live in the generator's scratch buffer and are valid only during `body`; this
    /// avoids a copy when the caller hands them straight to a log append.
    public func next<Result>(
        _ body: (NexmarkEvent, UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        let eventId = nextEventId
        nextEventId += 1
        let micros = timestampMicros(ofEvent: eventId)
        let millis = micros / 1000
        let kind = NexmarkEventKind.of(eventId: eventId)
        var cursor = ByteCursor(scratch)
        switch kind {
        case .person: writer.writePerson(eventId: eventId, millis: millis, to: &cursor)
        case .auction: writer.writeAuction(eventId: eventId, millis: millis, to: &cursor)
        case .bid: writer.writeBid(eventId: eventId, millis: millis, to: &cursor)
        }
        let event = NexmarkEvent(id: eventId, kind: kind, timestampMicros: micros)
        return try body(event, UnsafeRawBufferPointer(start: scratch, count: cursor.position - scratch))
    }
}

/// The three Nexmark event types. The raw value is the topic (and output directory) name.
public enum NexmarkEventKind: String, CaseIterable, Sendable {
    /// A new person: `id, name, emailAddress, creditCard, city, state, dateTime, extra`.
    case person
    /// A new auction: `id, itemName, description, initialBid, reserve, dateTime, expires, seller, category, extra`.
    case auction
    /// A bid: `auction, bidder, price, channel, url, dateTime, extra`.
    case bid

    /// The topic this kind of event goes to: `person`, `auction` or `bid`.
    public var topicName: String { rawValue }

    /// The kind of event number `eventId`: `eventId % 50` is 0 for a person, 1–3 for an auction,
    /// 4–49 for a bid (Nexmark's 1:3:46 proportions).
    @inlinable
    public static func of(eventId: Int64) -> NexmarkEventKind {
        let offset = eventId % NexmarkRules.proportionTotal
        if offset < NexmarkRules.personProportion { return .person }
        if offset < NexmarkRules.personProportion + NexmarkRules.auctionProportion { return .auction }
        return .bid
    }
}

/// What `NexmarkGenerator.next(into:)` tells about the event it just wrote.
public struct NexmarkEvent: Sendable, Equatable {
    /// The event number, 0, 1, 2, ... in generation order.
    public let id: Int64
    /// Which record (and topic) the event is.
    public let kind: NexmarkEventKind
    /// Event time in epoch microseconds: base time + `id × 1e6 / rate`.
    public let timestampMicros: Int64

    /// Event time in epoch milliseconds, the value of the record's `dateTime` field and its log timestamp.
    public var timestampMillis: Int64 { timestampMicros / 1000 }
}

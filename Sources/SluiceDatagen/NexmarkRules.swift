/// The constants and id arithmetic of the Nexmark generator (nexmark-flink's `GeneratorConfig`
/// and the `Person`/`Auction`/`Bid` generators, as followed by `shared/bench/gen_nexmark.py`).
///
/// Ids here are zero-based; records carry them plus `firstPersonId` / `firstAuctionId`.
public enum NexmarkRules {
    public static let personProportion: Int64 = 1
    public static let auctionProportion: Int64 = 3
    public static let bidProportion: Int64 = 46
    public static let proportionTotal: Int64 = personProportion + auctionProportion + bidProportion

    public static let firstPersonId: Int64 = 1000
    public static let firstAuctionId: Int64 = 1000
    public static let firstCategoryId: Int64 = 10
    public static let categoryCount = 5

    /// Event time of event 0: 2023-11-14 22:13:20 UTC, fixed so runs are reproducible.
    public static let baseTimeMillis: Int64 = 1_700_000_000_000
    /// The latest event time generated data may reach: 9999-12-31 23:59:59.999999 UTC in epoch µs.
    public static let latestEventTimeMicros: Int64 = 253_402_300_799_999_999

    /// Whether `events` events at `rate` events/s all happen by `latestEventTimeMicros`.
    public static func eventTimesFit(events: Int64, rate: Double) -> Bool {
        Double(events) * (1e6 / rate) < Double(latestEventTimeMicros - baseTimeMillis * 1000)
    }

    /// Nexmark's `firstEventRate` default, in events per second of event time.
    public static let defaultRate = 10_000.0

    /// Hot auctions, bidders and sellers are the first id of the current batch of this many.
    public static let hotBatch: Int64 = 100
    /// A bid's auction is hot with probability 1 − 1/2.
    public static let hotAuctionOdds = 2
    /// A bid's bidder is hot with probability 1 − 1/4.
    public static let hotBidderOdds = 4
    /// An auction's seller is hot with probability 1 − 1/4.
    public static let hotSellerOdds = 4
    public static let inFlightAuctions: Int64 = 100
    public static let activePeople: Int64 = 1000
    /// Cold picks may name up to this many ids past the last one generated (nexmark's lookahead).
    public static let lookahead: Int64 = 10

    public static let averagePersonBytes = 200
    public static let averageAuctionBytes = 500
    public static let averageBidBytes = 100

    public static let channelCount = 10_000
    public static let hotChannels: [StaticString] = ["Google", "Facebook", "Baidu", "Apple"]

    /// The zero-based id of the last person generated at or before event `eventId`.
    @inlinable
    public static func lastPersonId(atEvent eventId: Int64) -> Int64 {
        eventId / proportionTotal * personProportion + min(eventId % proportionTotal, personProportion - 1)
    }

    /// The zero-based id of the last auction generated at or before event `eventId` (−1 before the first).
    @inlinable
    public static func lastAuctionId(atEvent eventId: Int64) -> Int64 {
        let epoch = eventId / proportionTotal
        let offset = eventId % proportionTotal
        if offset < personProportion { return (epoch - 1) * auctionProportion + auctionProportion - 1 }
        if offset >= personProportion + auctionProportion { return epoch * auctionProportion + auctionProportion - 1 }
        return epoch * auctionProportion + offset - personProportion
    }

    /// The event-time span, in milliseconds, in which `inFlightAuctions` new auctions appear.
    /// Auctions expire within twice this after they open.
    public static func auctionHorizonMillis(rate: Double) -> Int64 {
        let eventsPerHorizon = inFlightAuctions * proportionTotal / auctionProportion
        return Int64(Double(eventsPerHorizon) * (1e6 / rate) / 1000)
    }

    /// `abs(Integer.reverse(i))` for a channel number: the `channel_id` in its URL.
    ///
    /// Computed in 64 bits, so channel 1 (whose reverse is `Int32.min`) gives 2147483648 as the
    /// Python generator does; Java's `Math.abs` would leave it negative.
    public static func channelId(_ channel: Int) -> Int64 {
        let reversed = Int32(bitPattern: UInt32(truncatingIfNeeded: channel).bitReversed)
        return abs(Int64(reversed))
    }
}

extension UInt32 {
    /// The bits in reverse order, as Java's `Integer.reverse`.
    var bitReversed: UInt32 {
        var value = self
        var result: UInt32 = 0
        for _ in 0..<32 {
            result = (result << 1) | (value & 1)
            value >>= 1
        }
        return result
    }
}

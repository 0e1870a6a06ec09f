import Foundation
import SluiceCore
import Testing

@testable import SluiceDatagen

/// One generated event parsed back with Foundation's JSONSerialization.
struct ParsedEvent {
    let event: NexmarkEvent
    let bytes: [UInt8]
    let fields: [String: Any]

    /// The field as an integer, if the JSON holds a plain integer literal there (no quotes, fraction or exponent).
    func int(_ name: String) -> Int64? {
        guard let number = fields[name] as? NSNumber else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let key = text.range(of: "\"\(name)\":") else { return nil }
        let literal = text[key.upperBound...].prefix { $0 != "," && $0 != "}" }
        guard let value = Int64(literal), value == number.int64Value else { return nil }
        return value
    }

    func string(_ name: String) -> String? { fields[name] as? String }

    /// The field names in the order they appear in the bytes.
    var keyOrder: [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        func position(_ key: String) -> String.Index { text.range(of: "\"\(key)\":")!.lowerBound }
        return fields.keys.sorted { position($0) < position($1) }
    }
}

func parseEvents(count: Int, seed: UInt64 = 42) throws -> [ParsedEvent] {
    try generateEvents(count: count, seed: seed).map { event, bytes in
        let object = try JSONSerialization.jsonObject(with: Data(bytes))
        let fields = try #require(object as? [String: Any])
        return ParsedEvent(event: event, bytes: bytes, fields: fields)
    }
}

let personFields = ["id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra"]
let auctionFields = [
    "id", "itemName", "description", "initialBid", "reserve", "dateTime", "expires", "seller", "category", "extra",
]
let bidFields = ["auction", "bidder", "price", "channel", "url", "dateTime", "extra"]

/// `yyyy-MM-dd HH:mm:ss.SSS` from SluiceCore's formatter, as an independent reference.
func referenceTimestampText(millis: Int64) -> String {
    Temporal.formatTimestamp(millis: millis).replacingOccurrences(of: "T", with: " ")
}

@Suite struct NexmarkRecordTests {
    @Test func everyLineIsJSONWithTheFieldsInOrderAndTypes() throws {
        for parsed in try parseEvents(count: 10_000) {
            switch parsed.event.kind {
            case .person:
                #expect(parsed.keyOrder == personFields)
                #expect(parsed.int("id") != nil)
                for name in personFields where name != "id" { #expect(parsed.string(name) != nil) }
            case .auction:
                #expect(parsed.keyOrder == auctionFields)
                for name in ["id", "initialBid", "reserve", "seller", "category"] { #expect(parsed.int(name) != nil) }
                for name in ["itemName", "description", "dateTime", "expires", "extra"] {
                    #expect(parsed.string(name) != nil)
                }
            case .bid:
                #expect(parsed.keyOrder == bidFields)
                for name in ["auction", "bidder", "price"] { #expect(parsed.int(name) != nil) }
                for name in ["channel", "url", "dateTime", "extra"] { #expect(parsed.string(name) != nil) }
            }
            #expect(parsed.string("dateTime") == referenceTimestampText(millis: parsed.event.timestampMillis))
            #expect(!parsed.bytes.contains(UInt8(ascii: "\n")))
        }
    }

    @Test func personFieldsFollowTheRules() throws {
        let people = try parseEvents(count: 25_000).filter { $0.event.kind == .person }
        let cities: Set = [
            "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent",
            "Cheyenne",
        ]
        for (index, person) in people.enumerated() {
            #expect(person.int("id") == 1000 + Int64(index))
            let name = try #require(person.string("name")).split(separator: " ")
            #expect(name.count == 2)
            let email = try #require(person.string("emailAddress"))
            // Either part may be empty: nexmark trims the random slice, which can be all spaces.
            #expect(email.hasSuffix(".com") && email.split(separator: "@", omittingEmptySubsequences: false).count == 2)
            let card = try #require(person.string("creditCard")).split(separator: " ", omittingEmptySubsequences: false)
            #expect(card.count == 4 && card.allSatisfy { $0.count == 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
            #expect(cities.contains(try #require(person.string("city"))))
            #expect(["AZ", "CA", "ID", "OR", "WA", "WY"].contains(try #require(person.string("state"))))
        }
    }

    @Test func auctionFieldsFollowTheRules() throws {
        let horizon = NexmarkRules.auctionHorizonMillis(rate: NexmarkRules.defaultRate)
        #expect(horizon == 166)
        let auctions = try parseEvents(count: 25_000).filter { $0.event.kind == .auction }
        var hotSellers = 0
        for (index, auction) in auctions.enumerated() {
            let eventId = auction.event.id
            #expect(auction.int("id") == 1000 + Int64(index))
            let initialBid = try #require(auction.int("initialBid"))
            let reserve = try #require(auction.int("reserve"))
            #expect((100...100_000_000).contains(initialBid))
            #expect(reserve - initialBid >= 100 && reserve - initialBid <= 100_000_000)
            #expect((10...14).contains(try #require(auction.int("category"))))
            let millis = auction.event.timestampMillis
            let expires = try #require(auction.string("expires"))
            let earliest = referenceTimestampText(millis: millis + 1)
            let latest = referenceTimestampText(millis: millis + 2 * horizon)
            #expect(expires >= earliest && expires <= latest)
            let seller = try #require(auction.int("seller")) - 1000
            let lastPerson = NexmarkRules.lastPersonId(atEvent: eventId)
            if seller == lastPerson / 100 * 100 { hotSellers += 1 }
            #expect(seller >= max(lastPerson - 999, 0) && seller <= lastPerson + 10)
        }
        let hotShare = Double(hotSellers) / Double(auctions.count)
        #expect(hotShare > 0.72 && hotShare < 0.80)
    }

    @Test func bidsReferenceRecentAuctionsAndPeople() throws {
        let bids = try parseEvents(count: 30_000).filter { $0.event.kind == .bid }
        var hotAuctions = 0
        var hotBidders = 0
        for bid in bids {
            let eventId = bid.event.id
            let lastAuction = NexmarkRules.lastAuctionId(atEvent: eventId)
            let lastPerson = NexmarkRules.lastPersonId(atEvent: eventId)
            let auction = try #require(bid.int("auction")) - 1000
            let bidder = try #require(bid.int("bidder")) - 1000
            #expect(auction >= max(lastAuction - 100, 0) && auction <= lastAuction + 10)
            #expect(bidder >= max(lastPerson - 999, 0) && bidder <= lastPerson + 10)
            if auction == lastAuction / 100 * 100 { hotAuctions += 1 }
            if bidder == lastPerson / 100 * 100 + 1 { hotBidders += 1 }
            #expect((100...100_000_000).contains(try #require(bid.int("price"))))
        }
        // Hot with P = 1/2 and 3/4, plus the few cold picks that land on the hot id.
        let auctionShare = Double(hotAuctions) / Double(bids.count)
        let bidderShare = Double(hotBidders) / Double(bids.count)
        #expect(auctionShare > 0.48 && auctionShare < 0.53)
        #expect(bidderShare > 0.73 && bidderShare < 0.80)
    }

    @Test func channelsAndURLsFollowTheRules() throws {
        let bids = try parseEvents(count: 30_000).filter { $0.event.kind == .bid }
        var hotURLs: [String: String] = [:]
        var hot = 0
        var withChannelId = 0
        for bid in bids {
            let channel = try #require(bid.string("channel"))
            let url = try #require(bid.string("url"))
            #expect(url.hasPrefix("https://www.nexmark.com/"))
            #expect(url.contains("/item.htm?query=1"))
            if ["Google", "Facebook", "Baidu", "Apple"].contains(channel) {
                hot += 1
                #expect(hotURLs[channel, default: url] == url)
                hotURLs[channel] = url
                #expect(!url.contains("channel_id"))
            } else {
                let number = try #require(Int(channel.dropFirst("channel-".count)))
                #expect(channel.hasPrefix("channel-") && (0..<10_000).contains(number))
                if let range = url.range(of: "&channel_id=") {
                    withChannelId += 1
                    #expect(Int64(url[range.upperBound...]) == NexmarkRules.channelId(number))
                }
            }
        }
        let hotShare = Double(hot) / Double(bids.count)
        let channelIdShare = Double(withChannelId) / Double(bids.count - hot)
        #expect(hotShare > 0.48 && hotShare < 0.52)
        #expect(channelIdShare > 0.87 && channelIdShare < 0.93)
    }

    /// The `extra` padding brings each record's *estimated* size (nexmark's `sizeInBytes`-style
    /// estimate that `gen_nexmark.py` pads: fixed 8 bytes per number and timestamp, string lengths)
    /// to 200 / 500 / 100 bytes on average. JSON lines are larger because they add field names.
    @Test func extraPadsEstimatedSizesToNexmarkAverages() throws {
        var estimated: [NexmarkEventKind: (total: Int, count: Int)] = [:]
        var lineBytes: [NexmarkEventKind: Int] = [:]
        for parsed in try parseEvents(count: 50_000) {
            let extra = try #require(parsed.string("extra")).utf8.count
            let size: Int
            switch parsed.event.kind {
            case .person:
                let fixed = ["name", "emailAddress", "city"].map { parsed.string($0)!.utf8.count }.reduce(0, +)
                size = 8 + fixed + 19 + 2 + extra
            case .auction:
                size = 8 + parsed.string("itemName")!.utf8.count + parsed.string("description")!.utf8.count + 40 + extra
            case .bid:
                size = 32 + extra
            }
            estimated[parsed.event.kind, default: (0, 0)].total += size
            estimated[parsed.event.kind, default: (0, 0)].count += 1
            lineBytes[parsed.event.kind, default: 0] += parsed.bytes.count + 1
        }
        let targets: [NexmarkEventKind: Double] = [.person: 200, .auction: 500, .bid: 100]
        // Bytes per JSON line of the Python generator's 10M-event manifest: 63.6 MB / 200k,
        // 388 MB / 600k, 2372 MB / 9.2M.
        let pythonLines: [NexmarkEventKind: Double] = [.person: 318, .auction: 647, .bid: 258]
        for kind in NexmarkEventKind.allCases {
            let (total, count) = try #require(estimated[kind])
            let average = Double(total) / Double(count)
            #expect(abs(average - targets[kind]!) <= targets[kind]! * 0.1, "\(kind): \(average)")
            let lineAverage = Double(lineBytes[kind]!) / Double(count)
            #expect(abs(lineAverage - pythonLines[kind]!) <= pythonLines[kind]! * 0.05, "\(kind): \(lineAverage)")
        }
    }
}

/// Writes the JSON objects of persons, auctions and bids, drawing random values in field order.
///
/// Each writer estimates the record's size the way nexmark's generators (and `gen_nexmark.py`)
/// do before padding it with `extra`. The mutable state (random stream, timestamp caches) lives in
/// this struct rather than in `NexmarkGenerator` itself, so a record costs one exclusivity check
/// on the generator instead of one per random draw.
struct NexmarkRecordWriter {
    var random: Xoshiro256StarStar
    let text: NexmarkText
    let horizonMillis: Int64
    var dateTimeText = TimestampText()
    var expiresText = TimestampText()

    init(seed: UInt64, rate: Double) {
        random = Xoshiro256StarStar(seed: seed)
        text = NexmarkText(random: &random)
        horizonMillis = NexmarkRules.auctionHorizonMillis(rate: rate)
    }

    static let firstNames: [StaticString] = [
        "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter",
    ]
    static let lastNames: [StaticString] = [
        "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris",
    ]
    static let cities: [StaticString] = [
        "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent",
        "Cheyenne",
    ]
    static let states: [StaticString] = ["AZ", "CA", "ID", "OR", "WA", "WY"]

    /// `{"id","name","emailAddress","creditCard","city","state","dateTime","extra"}`.
    ///
    /// Size estimate: 8 (id) + name + email + 19 (credit card) + city + 2 (state), padded to 200 on average.
    @inline(__always)
    mutating func writePerson(eventId: Int64, millis: Int64, to cursor: inout ByteCursor) {
        cursor.write("{\"id\":")
        cursor.write(decimal: NexmarkRules.lastPersonId(atEvent: eventId) + NexmarkRules.firstPersonId)
        cursor.write(",\"name\":\"")
        let first = Self.firstNames[random.below(Self.firstNames.count)]
        let last = Self.lastNames[random.below(Self.lastNames.count)]
        cursor.write(first)
        cursor.write(byte: UInt8(ascii: " "))
        cursor.write(last)
        let nameLength = first.utf8CodeUnitCount + 1 + last.utf8CodeUnitCount
        cursor.write("\",\"emailAddress\":\"")
        var emailLength = text.writeString(maxLength: 7, random: &random, to: &cursor)
        cursor.write(byte: UInt8(ascii: "@"))
        emailLength += text.writeString(maxLength: 5, random: &random, to: &cursor)
        cursor.write(".com")
        emailLength += 5
        cursor.write("\",\"creditCard\":\"")
        for group in 0..<4 {
            if group > 0 { cursor.write(byte: UInt8(ascii: " ")) }
            cursor.write(decimal: random.below(10_000), width: 4)
        }
        cursor.write("\",\"city\":\"")
        let city = Self.cities[random.below(Self.cities.count)]
        cursor.write(city)
        cursor.write("\",\"state\":\"")
        cursor.write(Self.states[random.below(Self.states.count)])
        cursor.write("\",\"dateTime\":\"")
        dateTimeText.write(millis: millis, to: &cursor)
        cursor.write("\",\"extra\":\"")
        let estimate = 8 + nameLength + emailLength + 19 + city.utf8CodeUnitCount + 2
        text.writeExtra(
            currentSize: estimate, averageSize: NexmarkRules.averagePersonBytes, random: &random, to: &cursor)
        cursor.write("\"}")
    }

    /// `{"id","itemName","description","initialBid","reserve","dateTime","expires","seller","category","extra"}`.
    ///
    /// Size estimate: 8 (id) + item name + description + 40 (initial bid, reserve, two times, seller),
    /// padded to 500 on average.
    @inline(__always)
    mutating func writeAuction(eventId: Int64, millis: Int64, to cursor: inout ByteCursor) {
        cursor.write("{\"id\":")
        cursor.write(decimal: NexmarkRules.lastAuctionId(atEvent: eventId) + NexmarkRules.firstAuctionId)
        cursor.write(",\"itemName\":\"")
        let itemLength = text.writeString(maxLength: 20, random: &random, to: &cursor)
        cursor.write("\",\"description\":\"")
        let descriptionLength = text.writeString(maxLength: 100, random: &random, to: &cursor)
        cursor.write("\",\"initialBid\":")
        let initialBid = DecimalPower.price(unit: random.unit())
        cursor.write(decimal: initialBid)
        cursor.write(",\"reserve\":")
        cursor.write(decimal: initialBid + DecimalPower.price(unit: random.unit()))
        cursor.write(",\"dateTime\":\"")
        dateTimeText.write(millis: millis, to: &cursor)
        cursor.write("\",\"expires\":\"")
        let expiryWindow = Double(max(2 * horizonMillis, 1))
        expiresText.write(millis: millis + 1 + Int64(random.unit() * expiryWindow), to: &cursor)
        cursor.write("\",\"seller\":")
        let seller: Int64
        if random.below(NexmarkRules.hotSellerOdds) > 0 {
            seller = NexmarkRules.lastPersonId(atEvent: eventId) / NexmarkRules.hotBatch * NexmarkRules.hotBatch
        } else {
            seller = randomPersonId(atEvent: eventId)
        }
        cursor.write(decimal: seller + NexmarkRules.firstPersonId)
        cursor.write(",\"category\":")
        cursor.write(decimal: NexmarkRules.firstCategoryId + Int64(random.below(NexmarkRules.categoryCount)))
        cursor.write(",\"extra\":\"")
        let estimate = 8 + itemLength + descriptionLength + 40
        text.writeExtra(
            currentSize: estimate, averageSize: NexmarkRules.averageAuctionBytes, random: &random, to: &cursor)
        cursor.write("\"}")
    }

    /// `{"auction","bidder","price","channel","url","dateTime","extra"}`.
    ///
    /// Size estimate: 32 (auction, bidder, price, time), padded to 100 on average.
    @inline(__always)
    mutating func writeBid(eventId: Int64, millis: Int64, to cursor: inout ByteCursor) {
        cursor.write("{\"auction\":")
        let auction: Int64
        if random.below(NexmarkRules.hotAuctionOdds) > 0 {
            auction = NexmarkRules.lastAuctionId(atEvent: eventId) / NexmarkRules.hotBatch * NexmarkRules.hotBatch
        } else {
            auction = randomAuctionId(atEvent: eventId)
        }
        cursor.write(decimal: auction + NexmarkRules.firstAuctionId)
        cursor.write(",\"bidder\":")
        let bidder: Int64
        if random.below(NexmarkRules.hotBidderOdds) > 0 {
            bidder = NexmarkRules.lastPersonId(atEvent: eventId) / NexmarkRules.hotBatch * NexmarkRules.hotBatch + 1
        } else {
            bidder = randomPersonId(atEvent: eventId)
        }
        cursor.write(decimal: bidder + NexmarkRules.firstPersonId)
        cursor.write(",\"price\":")
        cursor.write(decimal: DecimalPower.price(unit: random.unit()))
        cursor.write(",\"channel\":\"")
        let urlIndex: Int
        if random.below(2) > 0 {
            let hot = random.below(NexmarkRules.hotChannels.count)
            cursor.write(NexmarkRules.hotChannels[hot])
            urlIndex = hot
        } else {
            let channel = random.below(NexmarkRules.channelCount)
            cursor.write("channel-")
            cursor.write(decimal: Int64(channel))
            urlIndex = NexmarkRules.hotChannels.count + channel
        }
        cursor.write("\",\"url\":\"")
        text.writeURL(urlIndex, to: &cursor)
        cursor.write("\",\"dateTime\":\"")
        dateTimeText.write(millis: millis, to: &cursor)
        cursor.write("\",\"extra\":\"")
        text.writeExtra(currentSize: 32, averageSize: NexmarkRules.averageBidBytes, random: &random, to: &cursor)
        cursor.write("\"}")
    }

    /// A zero-based person id for a seller or bidder: uniform over the last `activePeople`
    /// people and `lookahead` people not generated yet (nexmark's `nextBase0PersonId`).
    @inline(__always)
    mutating func randomPersonId(atEvent eventId: Int64) -> Int64 {
        let count = NexmarkRules.lastPersonId(atEvent: eventId) + 1
        let active = min(count, NexmarkRules.activePeople)
        return count - active + Int64(random.below(Int(active + NexmarkRules.lookahead)))
    }

    /// A zero-based auction id for a bid: uniform over the last `inFlightAuctions` auctions and
    /// `lookahead` auctions not generated yet (nexmark's `nextBase0AuctionId`).
    @inline(__always)
    mutating func randomAuctionId(atEvent eventId: Int64) -> Int64 {
        let newest = NexmarkRules.lastAuctionId(atEvent: eventId)
        let oldest = max(newest - NexmarkRules.inFlightAuctions, 0)
        return oldest + Int64(random.below(Int(newest - oldest + 1 + NexmarkRules.lookahead)))
    }
}

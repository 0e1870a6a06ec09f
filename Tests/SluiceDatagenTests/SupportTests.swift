import Foundation
import Testing

@testable import SluiceDatagen

@Suite struct RandomSourceTests {
    @Test func splitMixMatchesThePublishedSequence() {
        // The reference splitmix64.c from seed 0.
        var mixer = SplitMix64(seed: 0)
        #expect(mixer.next() == 0xE220_A839_7B1D_CDAF)
        #expect(mixer.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func boundedDrawsStayInRangeAndCoverIt() {
        var random = Xoshiro256StarStar(seed: 9)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let value = random.below(7)
            #expect((0..<7).contains(value))
            seen.insert(value)
            let unit = random.unit()
            #expect(unit >= 0 && unit < 1)
        }
        #expect(seen.count == 7)
    }
}

@Suite struct ByteCursorTests {
    @Test func copiesEveryLengthExactly() {
        let source = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        for count in 0...200 {
            var target = [UInt8](repeating: 0xEE, count: 210)
            let written = source.withUnsafeBufferPointer { from in
                target.withUnsafeMutableBufferPointer { to in
                    var cursor = ByteCursor(to.baseAddress!)
                    cursor.write(from.baseAddress! + 5, count: count)
                    return cursor.position - to.baseAddress!
                }
            }
            #expect(written == count)
            #expect(Array(target[..<count]) == Array(source[5..<(5 + count)]))
            #expect(target[count...].allSatisfy { $0 == 0xEE })
        }
    }

    @Test func writesDecimals() {
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor = ByteCursor(buffer.baseAddress!)
            cursor.write(decimal: 0)
            cursor.write(byte: UInt8(ascii: " "))
            cursor.write(decimal: -42)
            cursor.write(byte: UInt8(ascii: " "))
            cursor.write(decimal: Int64.max)
            cursor.write(byte: UInt8(ascii: " "))
            cursor.write(decimal: 7, width: 4)
            return cursor.position - buffer.baseAddress!
        }
        #expect(String(decoding: bytes[..<count], as: UTF8.self) == "0 -42 9223372036854775807 0007")
    }
}

@Suite struct DecimalPowerTests {
    @Test func matchesLibmPowToNearlyFullPrecision() {
        var x = 0.0
        while x <= 6 {
            let expected = pow(10.0, x)
            #expect(abs(DecimalPower.tenToThe(x) - expected) <= expected * 1e-14, "10^\(x)")
            x += 0.001
        }
    }

    @Test func pricesSpanOneDollarToAMillion() {
        #expect(DecimalPower.price(unit: 0) == 100)
        #expect(DecimalPower.price(unit: 0.5) == 100_000)
        #expect(DecimalPower.price(unit: 1 - 0x1p-53) == 100_000_000)
    }
}

@Suite struct TimestampTextTests {
    func text(_ millis: Int64, formatter: inout TimestampText) -> String {
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor = ByteCursor(buffer.baseAddress!)
            formatter.write(millis: millis, to: &cursor)
            return cursor.position - buffer.baseAddress!
        }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    @Test func formatsKnownInstants() {
        var formatter = TimestampText()
        #expect(text(1_700_000_000_000, formatter: &formatter) == "2023-11-14 22:13:20.000")
        #expect(text(1_700_000_000_007, formatter: &formatter) == "2023-11-14 22:13:20.007")
        #expect(text(1_700_000_001_999, formatter: &formatter) == "2023-11-14 22:13:21.999")
        #expect(text(0, formatter: &formatter) == "1970-01-01 00:00:00.000")
        #expect(text(-1, formatter: &formatter) == "1969-12-31 23:59:59.999")
        #expect(text(951_782_400_123, formatter: &formatter) == "2000-02-29 00:00:00.123")
        #expect(text(253_402_300_799_999, formatter: &formatter) == "9999-12-31 23:59:59.999")
    }

    @Test func agreesWithTheReferenceAcrossSecondAndDayBoundaries() {
        var formatter = TimestampText()
        var random = Xoshiro256StarStar(seed: 11)
        var millis: Int64 = 1_700_000_000_000
        for _ in 0..<5_000 {
            millis += Int64(random.below(200_000_000))
            #expect(text(millis, formatter: &formatter) == referenceTimestampText(millis: millis))
        }
    }
}

@Suite struct NexmarkRulesTests {
    @Test func channelIdIsAbsoluteBitReversal() {
        #expect(NexmarkRules.channelId(0) == 0)
        #expect(NexmarkRules.channelId(1) == 2_147_483_648)
        #expect(NexmarkRules.channelId(2) == 1_073_741_824)
        // Seen in gen_nexmark.py's output for seed 42: channel-2863 ... &channel_id=187695104.
        #expect(NexmarkRules.channelId(2863) == 187_695_104)
    }

    @Test func lastIdsTrackTheEventsGeneratedSoFar() {
        // Events 0 (person 0), 1–3 (auctions 0–2), 4–49 bids, 50 (person 1), 51–53 (auctions 3–5).
        #expect(NexmarkRules.lastPersonId(atEvent: 0) == 0)
        #expect(NexmarkRules.lastPersonId(atEvent: 49) == 0)
        #expect(NexmarkRules.lastPersonId(atEvent: 50) == 1)
        #expect(NexmarkRules.lastAuctionId(atEvent: 0) == -1)
        #expect(NexmarkRules.lastAuctionId(atEvent: 1) == 0)
        #expect(NexmarkRules.lastAuctionId(atEvent: 3) == 2)
        #expect(NexmarkRules.lastAuctionId(atEvent: 4) == 2)
        #expect(NexmarkRules.lastAuctionId(atEvent: 50) == 2)
        #expect(NexmarkRules.lastAuctionId(atEvent: 52) == 4)
        #expect(NexmarkRules.lastAuctionId(atEvent: 99) == 5)
    }

    @Test func extraLengthIsUniformAroundTheGap() {
        var random = Xoshiro256StarStar(seed: 4)
        var total = 0
        for _ in 0..<20_000 {
            let length = NexmarkText.extraLength(currentSize: 32, averageSize: 100, random: &random)
            #expect((54...81).contains(length))
            total += length
        }
        #expect(abs(Double(total) / 20_000 - 67.5) < 0.5)
        #expect(NexmarkText.extraLength(currentSize: 600, averageSize: 500, random: &random) == 0)
        #expect(NexmarkText.extraLength(currentSize: 498, averageSize: 500, random: &random) == 2)
    }
}

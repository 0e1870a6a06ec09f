import SluiceCore
import SluiceFormats
import Testing

@Suite struct JSONDecodingTests {
    @Test func decodesABidWithCaseInsensitiveKeys() throws {
        let row = try #require(try decode(sampleBid, bidColumns))
        #expect(row[0] == .bigint(1000))
        #expect(row[1] == .bigint(2001))
        #expect(row[2] == .bigint(123_456))
        #expect(row[3] == .string("Google"))
        #expect(row[5] == .string("2023-11-14 22:13:20.000"))
        #expect(row[6].isNull == false)
    }
}

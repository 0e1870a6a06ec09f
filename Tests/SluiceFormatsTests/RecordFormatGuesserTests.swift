import Testing

import SluiceFormats

@Suite struct RecordFormatGuesserTests {
    private func format(_ guesser: inout RecordFormatGuesser, _ bytes: [UInt8]?) -> String {
        guard let bytes else { return guesser.format(nil) }
        return bytes.withUnsafeBytes { guesser.format($0) }
    }

    @Test func jsonValuesNarrowTheFormatsToJSONAndString() {
        var guesser = RecordFormatGuesser()
        #expect(guesser.possibleFormats == "¯\\_(ツ)_/¯ - no data processed")
        #expect(format(&guesser, Array(#" {"a": [1, 2.5e3, "x"]} "#.utf8)) == #" {"a": [1, 2.5e3, "x"]} "#)
        #expect(guesser.possibleFormats == "JSON or KAFKA_STRING")
        #expect(format(&guesser, Array("not json".utf8)) == "not json")
        #expect(guesser.possibleFormats == "KAFKA_STRING")
    }

    @Test func kafkaIntegersAndDoublesAreReadBigEndian() {
        var guesser = RecordFormatGuesser()
        #expect(format(&guesser, [0xff, 0xff, 0xff, 0xfe]) == "-2")
        #expect(guesser.possibleFormats == "KAFKA_INT")
        var eight = RecordFormatGuesser()
        #expect(format(&eight, [0, 0, 0, 0, 0, 0, 1, 0]) == "256")
        #expect(eight.possibleFormats == "KAFKA_BIGINT or KAFKA_DOUBLE or KAFKA_STRING")
        let onePointFive: [UInt8] = [0x3f, 0xf8, 0, 0, 0, 0, 0, 0]
        #expect(onePointFive.withUnsafeBytes { RecordFormatGuesser.render($0, as: .double) } == "1.5")
        #expect(onePointFive.withUnsafeBytes { RecordFormatGuesser.render($0, as: .int) } == nil)
    }

    @Test func unreadableBytesAreEscapedAsKafkaDoes() {
        var guesser = RecordFormatGuesser()
        #expect(format(&guesser, [0x61, 0xff, 0x5c]) == "a\\xFF\\x5C")
        #expect(guesser.possibleFormats == "UNRECOGNISED_BYTES")
        #expect(format(&guesser, nil) == "<null>")
    }

    @Test func rowTimeUsesKsqlDBsPrintLayout() {
        #expect(RowTime.ksql(1_795_564_800_123) == "2026/11/25 00:00:00.123 Z")
        #expect(RowTime.ksql(-1) == "N/A")
        #expect(RowTime.iso8601(-1) == "1969-12-31T23:59:59.999Z")
    }
}

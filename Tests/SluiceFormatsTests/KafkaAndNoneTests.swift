import SluiceCore
import SluiceFormats
import Testing

@Suite struct KafkaFormatTests {
    private func bytes(_ value: Value, _ type: SQLType) throws(SerdeError) -> [UInt8]? {
        let encoder = try Serdes.makeEncoder(format: .kafka, columns: [Column("V", type)], isKey: false)
        return try encoder.encodeRow([value])
    }

    @Test func writesKafkasPrimitiveEncodings() throws {
        #expect(try bytes(.integer(2), .integer) == [0, 0, 0, 2])
        #expect(try bytes(.integer(-1), .integer) == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try bytes(.bigint(0x0102_0304_0506_0708), .bigint) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try bytes(.double(2.2), .double) == [0x40, 0x01, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9A])
        #expect(try bytes(.string("bär"), .string) == Array("bär".utf8))
        #expect(try bytes(.bytes(ByteString([0, 255])), .bytes) == [0, 255])
        #expect(try bytes(.string(""), .string) == [])
        #expect(try bytes(.null, .integer) == nil)
    }

    @Test func readsWhatItWrites() throws {
        let cases: [(Value, SQLType)] = [
            (.integer(.min), .integer), (.bigint(.max), .bigint), (.double(-0.5), .double), (.string("héllo"), .string),
            (.bytes(ByteString([1, 2, 3])), .bytes), (.string(""), .string),
        ]
        for (value, type) in cases {
            let encoded = try bytes(value, type)
            #expect(try decode(bytes: encoded, [Column("V", type)], format: .kafka) == [value])
        }
        #expect(try decode(bytes: nil, [Column("V", .integer)], format: .kafka) == nil)
    }

    @Test func rejectsTheWrongSize() {
        let error = serdeError { try decode(bytes: [1, 2, 3], [Column("V", .integer)], format: .kafka) }
        #expect(error?.reason == "Error deserializing KAFKA message: Size of data received by IntegerDeserializer is not 4 (got 3)")
        #expect(serdeError { try decode(bytes: [], [Column("V", .bigint)], format: .kafka) } != nil)
        #expect(serdeError { try decode(bytes: [1], [Column("V", .double)], format: .kafka) } != nil)
    }

    @Test func rejectsAValueOfAnotherKind() {
        #expect(serdeError { try bytes(.string("x"), .integer) }?.reason == "The 'KAFKA' format can not serialize a STRING as INTEGER")
    }
}

@Suite struct NoneFormatTests {
    @Test func ignoresBytesAndWritesNothing() throws {
        let decoder = try Serdes.makeDecoder(format: .none, columns: [], isKey: true)
        var arena = ByteArena(chunkSize: 64)
        #expect(try decoder.decodeRow([1, 2, 3], arena: &arena) == [])
        #expect(try decoder.decodeRow(nil, arena: &arena) == nil)
        let encoder = try Serdes.makeEncoder(format: .none, columns: [], isKey: true)
        #expect(try encoder.encodeRow([]) == nil)
    }

    @Test func keylessJSONAndKafkaKeysBehaveLikeNone() throws {
        for format in [FormatSpec.json, .kafka] {
            let encoder = try Serdes.makeEncoder(format: format, columns: [], isKey: true)
            #expect(try encoder.encodeRow([]) == nil)
        }
    }
}

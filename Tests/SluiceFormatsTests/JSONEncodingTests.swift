import SluiceCore
import SluiceFormats
import Testing

@Suite struct JSONEncodingTests {
    @Test func writesAnObjectWithTheDeclaredNames() throws {
        let columns = [Column("ID", .bigint), Column("with.dot", .string), Column("N", .integer)]
        #expect(try encode([.bigint(1), .string("a"), .null], columns) == #"{"ID":1,"with.dot":"a","N":null}"#)
    }

    @Test func writesScalarsAsKsqlDBDoes() throws {
        let columns = [
            Column("B", .boolean), Column("D", .double), Column("E", .double), Column("F", .double),
            Column("DEC", .decimal(precision: 6, scale: 4)), Column("TINY", .decimal(precision: 10, scale: 8)),
            Column("BY", .bytes), Column("DT", .date), Column("T", .time), Column("TS", .timestamp),
        ]
        let values: [Value] = [
            .boolean(true), .double(1e10), .double(0.001), .double(.nan), decimal("10.0000"), decimal("0.00000010"),
            .bytes(ByteString("!")), .date(-1), .time(10), .timestamp(1_528_224_275_715),
        ]
        #expect(
            try encode(values, columns)
                == #"{"B":true,"D":1.0E10,"E":0.001,"F":"NaN","DEC":10.0000,"TINY":1.0E-7,"BY":"IQ==","DT":-1,"T":10,"TS":1528224275715}"#
        )
    }

    @Test func escapesStringsAsJacksonDoes() throws {
        let text = "q\"b\\n\nt\tc\u{1}é😀/"
        #expect(try encode([.string(text)], [Column("S", .string)]) == #"{"S":"q\"b\\n\nt\tc\u0001é😀/"}"#)
    }

    /// Text of every length up to 40 bytes, clean and with a character to escape at each position
    /// (word-at-a-time copying has a separate path for the last partial word).
    @Test func escapesAtEveryPositionAndLength() throws {
        func expected(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\u{1}": out += "\\u0001"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let columns = [Column("S", .string), Column("N", .bigint)]
        for length in 0...40 {
            let clean = String((0..<length).map { Character(Unicode.Scalar(UInt8(0x61 + $0 % 26))) })
            var texts = [clean]
            for position in 0..<length {
                for special in ["\"", "\\", "\n", "\u{1}", "é"] {
                    var characters = Array(clean)
                    characters[position] = Character(special)
                    texts.append(String(characters))
                }
            }
            for text in texts {
                #expect(try encode([.string(text), .bigint(7)], columns) == #"{"S":""# + expected(text) + #"","N":7}"#)
            }
        }
    }

    @Test func writesNestedTypes() throws {
        let type = SQLType.struct([.init("ITEMID", .bigint), .init("TAGS", .array(.string)), .init("M", .map(key: .string, value: .double))])
        let value = Value.struct([.bigint(6), .array([.string("a"), .null]), .map(MapValue([(.string("k"), .double(1.5))]))])
        #expect(try encode([value], [Column("S", type)]) == #"{"S":{"ITEMID":6,"TAGS":["a",null],"M":{"k":1.5}}}"#)
    }

    @Test func unwrappedValuesAreBareAndNullIsATombstone() throws {
        let format = FormatSpec(.json, wrapSingleValue: false)
        #expect(try encode([.boolean(true)], [Column("V", .boolean)], format: format) == "true")
        #expect(try encode([.string("world")], [Column("V", .string)], format: format) == #""world""#)
        #expect(try encode([.struct([.double(76.54)])], [Column("V", .struct([.init("A", .double)]))], format: format)
            == #"{"A":76.54}"#)
        #expect(try encode([.null], [Column("V", .boolean)], format: format) == nil)
    }

    /// A single key column is written bare (NULL as a null key); several key columns are always an
    /// object, even when every one is NULL, as ksqlDB's PARTITION BY outputs show.
    @Test func keysAreUnwrappedAndMultiColumnKeysStayObjects() throws {
        #expect(try encode([.string("hello")], [Column("K", .string, kind: .key)], isKey: true) == #""hello""#)
        let keys = [Column("K1", .string, kind: .key), Column("K2", .integer, kind: .key)]
        #expect(try encode([.string("foo"), .null], keys, isKey: true) == #"{"K1":"foo","K2":null}"#)
        #expect(try encode([.null, .null], keys, isKey: true) == #"{"K1":null,"K2":null}"#)
        #expect(try encode([.null], [Column("K", .string, kind: .key)], isKey: true) == nil)
    }

    @Test func sourcesPickValuesFromTheRow() throws {
        let encoder = try Serdes.makeEncoder(format: .json, columns: [Column("B", .integer), Column("A", .integer)], isKey: false, sources: [2, 0])
        let bytes = try encoder.encodeRow([.integer(1), .integer(99), .integer(3)])
        #expect(bytes.map { String(decoding: $0, as: UTF8.self) } == #"{"B":3,"A":1}"#)
    }

    @Test func rowsAppendToOneBuffer() throws {
        let encoder = try Serdes.makeEncoder(format: .json, columns: [Column("A", .integer)], isKey: false)
        var buffer = OutputBuffer(capacity: 16)
        var ends: [Int] = []
        for number in 0..<100 {
            let values = [Value.integer(Int32(number))]
            _ = try values.withUnsafeBufferPointer { (row) throws(SerdeError) -> Bool in try encoder.encode(row, into: &buffer) }
            ends.append(buffer.count)
        }
        #expect(buffer.bytes(in: 0..<ends[0]) == Array(#"{"A":0}"#.utf8))
        #expect(buffer.bytes(in: ends[98]..<ends[99]) == Array(#"{"A":99}"#.utf8))
    }

    @Test func decodingWhatWasEncodedGivesTheRowBack() throws {
        let columns = [
            Column("I", .integer), Column("L", .bigint), Column("D", .double), Column("S", .string), Column("B", .boolean),
            Column("DEC", .decimal(precision: 10, scale: 3)), Column("BY", .bytes), Column("A", .array(.double)),
            Column("M", .map(key: .string, value: .string)), Column("ST", .struct([.init("X", .timestamp), .init("y", .date)])),
        ]
        var random = SplitMix(seed: 7)
        for _ in 0..<300 {
            let row: [Value] = [
                random.chance ? .null : .integer(Int32(truncatingIfNeeded: random.next())),
                .bigint(Int64(bitPattern: random.next())),
                .double(Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) * (random.chance ? -1 : 1)),
                .string(random.text()),
                .boolean(random.chance),
                .decimal(SQLDecimal(unscaled: Int128(Int64(bitPattern: random.next()) % 10_000_000_000), scale: 3)),
                .bytes(ByteString(random.text().utf8)),
                .array([.double(Double(random.next() % 1000) / 8), .null]),
                .map(MapValue([(.string(random.text()), .string(random.text()))])),
                .struct([.timestamp(Int64(bitPattern: random.next()) / 2), .date(Int32(truncatingIfNeeded: random.next()))]),
            ]
            let text = try #require(try encode(row, columns))
            #expect(try decode(text, columns) == row, "\(text)")
        }
    }
}

/// A small deterministic generator for tests.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    var chance: Bool { mutating get { next() & 1 == 0 } }

    /// Short text mixing ASCII, characters JSON escapes, and non-ASCII.
    mutating func text() -> String {
        let pieces = ["a", "Z", " ", "\"", "\\", "\n", "\u{1}", "é", "😀", ",", "{", "7"]
        return (0..<Int(next() % 12)).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
    }
}

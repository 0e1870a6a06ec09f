import SluiceCore
import SluiceFormats
import Testing

/// Random, mutated and truncated bytes never crash a decoder: each input either decodes or
/// throws a `SerdeError` (a fixed seed keeps the run reproducible).
@Suite struct FuzzTests {
    static let columns = [
        Column("A", .integer), Column("B", .string), Column("C", .decimal(precision: 6, scale: 2)), Column("D", .double),
        Column("E", .array(.map(key: .string, value: .struct([.init("X", .bigint), .init("Y", .bytes)])))),
        Column("F", .timestamp), Column("G", .boolean), Column("H", .time),
    ]

    static let seeds: [String] = [
        #"{"a": 1, "b": "text \" \\ \u00e9 😀", "c": 12.5, "d": -1e-3, "e": [{"k": {"x": 1, "y": "IQ=="}}], "f": 5, "g": true, "h": 10}"#,
        #"{"B": [1, {"z": [null, 1.5e9]}], "E": null, "unknown": {"deep": [[[{}]]]}}"#,
        #"["a", 1, null]"#,
        "1,\"two, \"\"quoted\"\"\",3.25,4.5,,7,true,8",
        "null",
    ]

    /// The decoders under test: every format that can carry some of the columns.
    static func decoders() throws -> [any RowDecoder] {
        let primitive = columns.filter { $0.type.isPrimitive }
        return [
            try Serdes.makeDecoder(format: .json, columns: columns, isKey: false),
            try Serdes.makeDecoder(format: FormatSpec(.json, wrapSingleValue: false), columns: [columns[4]], isKey: false),
            try Serdes.makeDecoder(format: FormatSpec(.json, wrapSingleValue: false), columns: [columns[1]], isKey: false),
            try Serdes.makeDecoder(format: .delimited, columns: primitive, isKey: false),
            try Serdes.makeDecoder(format: .kafka, columns: [Column("V", .bigint)], isKey: false),
            try Serdes.makeDecoder(format: .kafka, columns: [Column("V", .string)], isKey: false),
        ]
    }

    private func feed(_ bytes: [UInt8], to decoders: [any RowDecoder], arena: inout ByteArena) {
        for decoder in decoders {
            var row = [Value](repeating: .null, count: FuzzTests.columns.count)
            row.withUnsafeMutableBufferPointer { slots in
                bytes.withUnsafeBytes { raw in
                    _ = try? decoder.decode(raw, into: slots, arena: &arena)
                }
            }
        }
    }

    @Test func randomBytesNeverCrash() throws {
        let decoders = try FuzzTests.decoders()
        var random = SplitMix(seed: 2024)
        var arena = ByteArena(chunkSize: 4096)
        let alphabet = Array(#"{}[]":,\ -+.eE0123456789abtrufalsenul"#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xA9, 0xFF]
        for _ in 0..<3000 {
            let length = Int(random.next() % 48)
            let bytes = (0..<length).map { _ in
                random.chance ? alphabet[Int(random.next() % UInt64(alphabet.count))] : UInt8(truncatingIfNeeded: random.next())
            }
            feed(bytes, to: decoders, arena: &arena)
        }
    }

    @Test func truncatedAndMutatedRecordsNeverCrash() throws {
        let decoders = try FuzzTests.decoders()
        var random = SplitMix(seed: 99)
        var arena = ByteArena(chunkSize: 4096)
        for seed in FuzzTests.seeds {
            let bytes = Array(seed.utf8)
            for length in 0...bytes.count { feed(Array(bytes[..<length]), to: decoders, arena: &arena) }
            for _ in 0..<600 {
                var mutated = bytes
                for _ in 0..<(1 + Int(random.next() % 3)) {
                    let index = Int(random.next() % UInt64(mutated.count))
                    switch random.next() % 3 {
                    case 0: mutated[index] = UInt8(truncatingIfNeeded: random.next())
                    case 1: mutated.remove(at: index)
                    default: mutated.insert(mutated[Int(random.next() % UInt64(mutated.count))], at: index)
                    }
                    if mutated.isEmpty { break }
                }
                feed(mutated, to: decoders, arena: &arena)
            }
        }
    }

    @Test func theJSONValueParserNeverCrashes() {
        var random = SplitMix(seed: 5)
        for seed in FuzzTests.seeds {
            let bytes = Array(seed.utf8)
            for length in 0...bytes.count { _ = try? JSONValue.parse(bytes: Array(bytes[..<length])) }
            for _ in 0..<300 {
                var mutated = bytes
                mutated[Int(random.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: random.next())
                _ = try? JSONValue.parse(bytes: mutated)
            }
        }
    }
}

// Measures the serde hot path on Nexmark bids, one core, in CPU time: decode (bytes → a batch of
// rows) and encode (rows → bytes in one reused buffer), for JSON and DELIMITED.
// Run: swift run -c release formats-bench [json|delimited] [decode|encode]
import SluiceCore
import SluiceFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time of this thread, so other processes on a shared machine do not count.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// A deterministic generator (SplitMix64).
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Bids shaped like gen_nexmark.py's JSON lines (about 260 bytes each).
func makeBids(_ count: Int) -> [[UInt8]] {
    var random = Random(state: 42)
    let channels = ["Google", "Facebook", "Baidu", "Apple"]
    let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return (0..<count).map { index in
        let hot = random.below(2) == 0
        let channel = hot ? channels[random.below(4)] : "channel-\(random.below(10_000))"
        let url = "https://www.nexmark.com/\(random.below(1000))/\(random.below(1000))/\(random.below(1000))/item.htm?query=1&channel_id=\(random.next() % 2_000_000_000)"
        let extra = String((0..<(45 + random.below(40))).map { _ in letters[random.below(letters.count)] })
        let millis = 1_700_000_000_000 + index
        let seconds = millis / 1000 % 60
        let text = """
            {"auction":\(1000 + random.below(110)),"bidder":\(1001 + random.below(1010)),"price":\(100 + random.below(10_000_000)),"channel":"\(channel)","url":"\(url)","dateTime":"2023-11-14 22:13:\(seconds < 10 ? "0" : "")\(seconds).\(millis % 1000)","extra":"\(extra)"}
            """
        return Array(text.utf8)
    }
}

let columns = [
    Column("AUCTION", .bigint), Column("BIDDER", .bigint), Column("PRICE", .bigint), Column("CHANNEL", .string),
    Column("URL", .string), Column("DATETIME", .string), Column("EXTRA", .string),
]
let width = columns.count
let recordCount = 200_000
let batchSize = 1024

/// Records laid end to end, as a log segment holds them.
struct RecordPool {
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]

    mutating func append(_ record: [UInt8]) {
        bytes.append(contentsOf: record)
        offsets.append(bytes.count)
    }
}

struct Timings {
    var decode = Double.infinity
    var decodeAndClear = Double.infinity
    var encode = Double.infinity
    var encodedBytes = 0
}

/// Decodes every record into a batch of rows reused from batch to batch, as a task would.
/// Returns the time spent decoding and, apart, the time spent clearing the previous batch's rows
/// (releasing its text values and arena chunks), which a task pays once per batch.
func decodeAll(_ pool: RecordPool, _ decoder: any RowDecoder) throws -> (decode: Double, clear: Double) {
    var decodeTime = 0.0
    var clearTime = 0.0
    var batch = [Value](repeating: .null, count: batchSize * width)
    try pool.bytes.withUnsafeBytes { raw in
        try batch.withUnsafeMutableBufferPointer { storage in
            var arena = ByteArena()
            var record = 0
            while record < recordCount {
                let clearStart = now()
                for index in 0..<storage.count { storage[index] = .null }
                arena = ByteArena()
                let decodeStart = now()
                clearTime += decodeStart - clearStart
                let batchEnd = min(record + batchSize, recordCount)
                while record < batchEnd {
                    let slot = record % batchSize
                    let bytes = UnsafeRawBufferPointer(rebasing: raw[pool.offsets[record]..<pool.offsets[record + 1]])
                    let row = UnsafeMutableBufferPointer(rebasing: storage[(slot * width)..<(slot * width + width)])
                    _ = try decoder.decode(bytes, into: row, arena: &arena)
                    record += 1
                }
                decodeTime += now() - decodeStart
            }
        }
    }
    return (decodeTime, clearTime)
}

/// Decodes every record once (for the encoder to read).
func decodeEverything(_ pool: RecordPool, _ decoder: any RowDecoder) throws -> [Value] {
    var rows = [Value](repeating: .null, count: recordCount * width)
    var arena = ByteArena()
    try pool.bytes.withUnsafeBytes { raw in
        try rows.withUnsafeMutableBufferPointer { storage in
            for record in 0..<recordCount {
                let bytes = UnsafeRawBufferPointer(rebasing: raw[pool.offsets[record]..<pool.offsets[record + 1]])
                let row = UnsafeMutableBufferPointer(rebasing: storage[(record * width)..<(record * width + width)])
                _ = try decoder.decode(bytes, into: row, arena: &arena)
            }
        }
    }
    return rows
}

/// Encodes every row into one buffer, emptied at each batch; returns the time and bytes written.
func encodeAll(_ rows: [Value], _ encoder: any RowEncoder) throws -> (Double, Int) {
    var buffer = OutputBuffer(capacity: 1 << 20)
    var written = 0
    let start = now()
    try rows.withUnsafeBufferPointer { storage in
        for record in 0..<recordCount {
            if record % batchSize == 0 {
                written += buffer.count
                buffer.removeAll()
            }
            let row = UnsafeBufferPointer(rebasing: storage[(record * width)..<(record * width + width)])
            _ = try encoder.encode(row, into: &buffer)
        }
    }
    written += buffer.count
    return (now() - start, written)
}

func rate(_ seconds: Double) -> String {
    let perSecond = Double(recordCount) / seconds
    return String(Int(perSecond / 1000)) + "k rows/s (" + String(Int(seconds * 1e9 / Double(recordCount))) + " ns/row)"
}

let arguments = CommandLine.arguments.dropFirst()
let onlyFormat = arguments.first { $0 == "json" || $0 == "delimited" }
let onlyPart = arguments.first { $0 == "decode" || $0 == "encode" }

var jsonPool = RecordPool()
for bid in makeBids(recordCount) { jsonPool.append(bid) }
let rows = try decodeEverything(jsonPool, try Serdes.makeDecoder(format: .json, columns: columns, isKey: false))

for (name, format) in [("JSON", FormatSpec.json), ("DELIMITED", FormatSpec.delimited)] {
    if let onlyFormat, onlyFormat != name.lowercased() { continue }
    let decoder = try Serdes.makeDecoder(format: format, columns: columns, isKey: false)
    let encoder = try Serdes.makeEncoder(format: format, columns: columns, isKey: false)
    var pool = jsonPool
    if format.kind != .json {
        pool = RecordPool()
        try rows.withUnsafeBufferPointer { storage in
            for record in 0..<recordCount {
                var buffer = OutputBuffer(capacity: 512)
                _ = try encoder.encode(UnsafeBufferPointer(rebasing: storage[(record * width)..<(record * width + width)]), into: &buffer)
                pool.append(buffer.bytes)
            }
        }
    }
    var timings = Timings()
    for _ in 0..<(onlyPart == nil ? 7 : 40) {
        if onlyPart != "encode" {
            let (decodeTime, clearTime) = try decodeAll(pool, decoder)
            timings.decode = min(timings.decode, decodeTime)
            timings.decodeAndClear = min(timings.decodeAndClear, decodeTime + clearTime)
        }
        if onlyPart != "decode" {
            let (seconds, bytes) = try encodeAll(rows, encoder)
            timings.encode = min(timings.encode, seconds)
            timings.encodedBytes = bytes
        }
    }
    print("\(name) bid, \(pool.bytes.count / recordCount) bytes per record:")
    if timings.decode.isFinite {
        print("  decode: \(rate(timings.decode)), \(Int(Double(pool.bytes.count) / timings.decode / 1e6)) MB/s")
        print("  decode + clearing the rows afterwards: \(rate(timings.decodeAndClear))")
    }
    if timings.encode.isFinite {
        print("  encode: \(rate(timings.encode)), \(Int(Double(timings.encodedBytes) / timings.encode / 1e6)) MB/s")
    }
}

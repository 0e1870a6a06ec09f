// Measures the JSON hot path on Nexmark bids: decode (bytes → row of values) and encode
// (row → bytes in a reused buffer), one core, in CPU time. Run: swift run -c release formats-bench
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
let recordCount = 200_000
let batchSize = 1024
let bids = makeBids(recordCount)
let totalBytes = bids.reduce(0) { $0 + $1.count }
print("records: \(recordCount), average size: \(totalBytes / recordCount) bytes")

// All records in one buffer, as a log segment would hold them.
var offsets: [Int] = [0]
var pool: [UInt8] = []
for bid in bids {
    pool.append(contentsOf: bid)
    offsets.append(pool.count)
}

let decoder = try Serdes.makeDecoder(format: .json, columns: columns, isKey: false)
let encoder = try Serdes.makeEncoder(format: .json, columns: columns, isKey: false)
var rows = [Value](repeating: .null, count: recordCount * columns.count)
var batchRows = [Value](repeating: .null, count: batchSize * columns.count)

/// Decodes every record into a batch of rows reused from batch to batch, as a task would.
/// Returns the time spent decoding and, apart, the time spent clearing the previous batch's rows
/// (releasing its text values and arena chunks), which a task pays once per batch.
@MainActor func decodeAll() throws -> (decode: Double, clear: Double) {
    var decodeTime = 0.0
    var clearTime = 0.0
    try pool.withUnsafeBytes { raw in
        try batchRows.withUnsafeMutableBufferPointer { storage in
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
                    let bytes = UnsafeRawBufferPointer(rebasing: raw[offsets[record]..<offsets[record + 1]])
                    let row = UnsafeMutableBufferPointer(rebasing: storage[(slot * 7)..<(slot * 7 + 7)])
                    _ = try decoder.decode(bytes, into: row, arena: &arena)
                    record += 1
                }
                decodeTime += now() - decodeStart
            }
        }
    }
    return (decodeTime, clearTime)
}

/// Decodes every record once, for the encoder to read.
@MainActor func decodeForEncoding() throws {
    try pool.withUnsafeBytes { raw in
        try rows.withUnsafeMutableBufferPointer { storage in
            var arena = ByteArena()
            for record in 0..<recordCount {
                let bytes = UnsafeRawBufferPointer(rebasing: raw[offsets[record]..<offsets[record + 1]])
                let row = UnsafeMutableBufferPointer(rebasing: storage[(record * 7)..<(record * 7 + 7)])
                _ = try decoder.decode(bytes, into: row, arena: &arena)
            }
        }
    }
}

try decodeForEncoding()

@MainActor func encodeAll() throws -> (Double, Int) {
    var buffer = OutputBuffer(capacity: 1 << 20)
    var written = 0
    let start = now()
    try rows.withUnsafeBufferPointer { storage in
        for record in 0..<recordCount {
            if record % batchSize == 0 {
                written += buffer.count
                buffer.removeAll()
            }
            let row = UnsafeBufferPointer(rebasing: storage[(record * 7)..<(record * 7 + 7)])
            _ = try encoder.encode(row, into: &buffer)
        }
    }
    written += buffer.count
    return (now() - start, written)
}

var bestDecode = Double.infinity
var bestDecodeAndClear = Double.infinity
var bestEncode = Double.infinity
var encodedBytes = 0
// `decode` or `encode` as the argument runs only that part (for profiling).
let only = CommandLine.arguments.dropFirst().first
for _ in 0..<(only == nil ? 7 : 40) {
    if only != "encode" {
        let (decodeTime, clearTime) = try decodeAll()
        bestDecode = min(bestDecode, decodeTime)
        bestDecodeAndClear = min(bestDecodeAndClear, decodeTime + clearTime)
    }
    if only != "decode" {
        let (seconds, bytes) = try encodeAll()
        bestEncode = min(bestEncode, seconds)
        encodedBytes = bytes
    }
}
func rate(_ seconds: Double) -> String {
    let perSecond = Double(recordCount) / seconds
    return String(Int(perSecond / 1000)) + "k rows/s (" + String(Int(seconds * 1e9 / Double(recordCount))) + " ns/row)"
}
if bestDecode.isFinite {
    print("decode JSON bid: \(rate(bestDecode)), \(Int(Double(totalBytes) / bestDecode / 1e6)) MB/s")
    print("decode JSON bid + clearing the rows afterwards: \(rate(bestDecodeAndClear))")
}
if bestEncode.isFinite {
    print("encode JSON bid: \(rate(bestEncode)), \(Int(Double(encodedBytes) / bestEncode / 1e6)) MB/s")
}

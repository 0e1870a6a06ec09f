/// The random text Nexmark records are cut from, built once per generator from its seed.
///
/// As nexmark's `StringsGenerator` (and `gen_nexmark.py`), strings are slices of large random
/// buffers rather than fresh random characters, so a record costs one copy per string field.
/// Every byte is a lowercase letter, a space, a digit or URL punctuation, so no JSON escaping is needed.
final class NexmarkText {
    /// Size of each random buffer (1 MiB, as nexmark's reusable extra string).
    static let bufferSize = 1 << 20

    /// Random lowercase letters: the source of `extra`.
    let letters: UnsafeMutablePointer<UInt8>
    /// Lowercase letters with a space in 1 of 13 places: the source of names, descriptions and URL parts.
    let words: UnsafeMutablePointer<UInt8>
    /// The 4 hot-channel URLs followed by the 10,000 `channel-<i>` URLs, back to back.
    let urls: UnsafeMutablePointer<UInt8>
    /// `urlStarts[i] ..< urlStarts[i + 1]` is URL `i` in `urls`.
    let urlStarts: UnsafeMutablePointer<Int32>
    let urlCount: Int

    init(random: inout Xoshiro256StarStar) {
        letters = .allocate(capacity: Self.bufferSize)
        words = .allocate(capacity: Self.bufferSize)
        for index in 0..<Self.bufferSize {
            letters[index] = UInt8(ascii: "a") &+ UInt8(truncatingIfNeeded: random.below(26))
        }
        for index in 0..<Self.bufferSize {
            let pick = random.below(26 * 13)
            words[index] = pick < 26 ? UInt8(ascii: " ") : UInt8(ascii: "a") &+ UInt8(truncatingIfNeeded: pick % 26)
        }

        urlCount = NexmarkRules.hotChannels.count + NexmarkRules.channelCount
        urlStarts = .allocate(capacity: urlCount + 1)
        // A URL is at most 24 (host) + 14 (three parts of ≤ 4 and two slashes) + 17 (item.htm?query=1)
        // + 22 (&channel_id= and ≤ 10 digits) = 77 bytes, so 80 per URL bounds the block.
        urls = .allocate(capacity: urlCount * 80)
        var cursor = ByteCursor(urls)
        for index in 0..<urlCount {
            urlStarts[index] = Int32(cursor.position - urls)
            cursor.write("https://www.nexmark.com/")
            for part in 0..<3 {
                if part > 0 { cursor.write(byte: UInt8(ascii: "/")) }
                _ = writeString(maxLength: 5, random: &random, to: &cursor, spaceReplacement: UInt8(ascii: "_"))
            }
            cursor.write("/item.htm?query=1")
            let channel = index - NexmarkRules.hotChannels.count
            // 9 in 10 channel URLs name their channel (nexmark's BidGenerator URL cache).
            if channel >= 0, random.below(10) > 0 {
                cursor.write("&channel_id=")
                cursor.write(decimal: NexmarkRules.channelId(channel))
            }
        }
        urlStarts[urlCount] = Int32(cursor.position - urls)
    }

    deinit {
        letters.deallocate()
        words.deallocate()
        urls.deallocate()
        urlStarts.deallocate()
    }

    /// Writes nexmark's `nextString(maxLength)`: a slice of 3 ..< `maxLength` word bytes with
    /// leading and trailing spaces trimmed. Returns the number of bytes written.
    @inline(__always)
    func writeString(
        maxLength: Int, random: inout Xoshiro256StarStar, to cursor: inout ByteCursor, spaceReplacement: UInt8? = nil
    ) -> Int {
        let length = 3 + random.below(maxLength - 3)
        var start = random.below(Self.bufferSize - length)
        var end = start + length
        while start < end, words[start] == UInt8(ascii: " ") { start += 1 }
        while end > start, words[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let count = end - start
        if let spaceReplacement {
            for index in start..<end {
                let byte = words[index]
                cursor.write(byte: byte == UInt8(ascii: " ") ? spaceReplacement : byte)
            }
        } else {
            cursor.write(words + start, count: count)
        }
        return count
    }

    /// Writes nexmark's `nextExtra`: random letters that bring a record whose other fields are
    /// estimated at `currentSize` bytes to `averageSize` on average (uniform within ±20% of the gap).
    @inline(__always)
    func writeExtra(currentSize: Int, averageSize: Int, random: inout Xoshiro256StarStar, to cursor: inout ByteCursor) {
        let length = Self.extraLength(currentSize: currentSize, averageSize: averageSize, random: &random)
        cursor.write(letters + random.below(Self.bufferSize - length), count: length)
    }

    /// The length of an `extra`: `desired − delta + U[0, 2·delta)` with `desired = averageSize − currentSize`
    /// and `delta = round(desired / 5)`; its mean is `desired − ½` when `delta > 0`.
    @inline(__always)
    static func extraLength(currentSize: Int, averageSize: Int, random: inout Xoshiro256StarStar) -> Int {
        let desired = max(averageSize - currentSize, 0)
        let delta = (2 * desired + 5) / 10
        return delta > 0 ? desired - delta + random.below(2 * delta) : desired
    }

    /// Writes URL `index`: 0–3 are the hot channels' URLs, `4 + i` is `channel-<i>`'s.
    @inline(__always)
    func writeURL(_ index: Int, to cursor: inout ByteCursor) {
        let start = Int(urlStarts[index])
        cursor.write(urls + start, count: Int(urlStarts[index + 1]) - start)
    }
}

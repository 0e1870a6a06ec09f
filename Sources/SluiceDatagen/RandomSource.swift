/// SplitMix64: expands one 64-bit seed into well-mixed 64-bit words (Steele, Lea, Flood 2014).
///
/// Used only to seed `Xoshiro256StarStar`, as its authors recommend.
package struct SplitMix64 {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman, Vigna 2018): the generator behind every random choice in the Nexmark data.
///
/// Only integer operations and IEEE-754 basic arithmetic are used, and none of Swift's
/// `random(in:using:)` (whose algorithm may change between releases), so one seed gives the same
/// numbers on every machine and toolchain.
package struct Xoshiro256StarStar {
    private var s0, s1, s2, s3: UInt64

    /// Seeds the four state words from SplitMix64, which never yields an all-zero state in practice.
    package init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    @inline(__always)
    package mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    package mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform integer in `0..<bound` (`bound > 0`), by Lemire's multiply-high mapping.
    ///
    /// The mapping's bias is below `bound / 2^64`, far under anything the data can show, and it
    /// needs no rejection loop, so the number of draws per event is fixed.
    @inline(__always)
    package mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    @inline(__always)
    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }
}

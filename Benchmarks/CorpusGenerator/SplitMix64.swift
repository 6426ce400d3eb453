/// A small, fast, seeded random number generator (Steele, Lea and Flood's SplitMix64).
///
/// Every draw the corpus makes goes through the helpers below rather than the
/// standard library's `Int.random(in:using:)` or `shuffled(using:)`, whose algorithms
/// are not promised to stay the same across toolchains: the same seed must give the
/// same corpus, byte for byte, on every machine and every Swift version.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An independent generator for one `(domain, index)` pair of a seed, so that
    /// article 7 is the same whether 10 or 20,000 articles are generated, and its
    /// annotations do not shift when the article generator draws differently.
    public static func derived(seed: UInt64, domain: UInt64, index: UInt64) -> SplitMix64 {
        var outer = SplitMix64(seed: seed ^ (domain &* 0xD1B5_4A32_D192_ED03))
        var inner = SplitMix64(seed: outer.next() ^ (index &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019))
        return SplitMix64(seed: inner.next())
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject method).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// A uniform double in `0..<1` (53 random bits).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// A uniformly chosen element of a non-empty array.
    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// A triangular draw in `low...high` with the given mode (used for article sizes:
    /// bounded on both sides, most values near the mode).
    public mutating func triangular(low: Double, mode: Double, high: Double) -> Double {
        let u = unit()
        let split = (mode - low) / (high - low)
        if u < split { return low + ((high - low) * (mode - low) * u).squareRoot() }
        return high - ((high - low) * (high - mode) * (1 - u)).squareRoot()
    }
}

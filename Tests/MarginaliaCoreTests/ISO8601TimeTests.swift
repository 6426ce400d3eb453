import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("ISO8601Time")
struct ISO8601TimeTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1, "1970-01-01T00:00:00.001Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (1_795_958_856_123, "2026-11-29T13:27:36.123Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func formatsKnownTimes(milliseconds: Int64, expected: String) {
        #expect(ISO8601Time.string(milliseconds: milliseconds) == expected)
    }

    /// Foundation's formatter, for whole seconds, is the reference; the milliseconds
    /// are appended exactly (a `Double` date could lose the last one).
    @Test func agreesWithFoundationOnRandomTimes() {
        var generator = SplitMix64(seed: 8601)
        let style = Date.ISO8601FormatStyle()
        // From 1601 to 9999: the years Foundation writes with four digits.
        let range: ClosedRange<Int64> = -11_644_473_600_000...253_402_300_799_999
        for _ in 0..<5_000 {
            let milliseconds = Int64.random(in: range, using: &generator)
            let (seconds, fraction) = floorDivision(milliseconds, by: 1000)
            let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(style)
            let expected = whole.dropLast() + "." + String(format: "%03d", Int(fraction)) + "Z"
            #expect(ISO8601Time.string(milliseconds: milliseconds) == expected, "\(milliseconds)")
        }
    }

    private func floorDivision(_ value: Int64, by divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}

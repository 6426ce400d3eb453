import Foundation

/// Wall-clock timing and the little statistics the benchmarks report.
enum Measure {
    /// Runs `body` and returns its result with the elapsed wall time in seconds.
    static func time<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        return (value, seconds(clock.now - start))
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    /// Runs `body` `warmups` times untimed, then `runs` times timed; returns the samples in seconds.
    static func samples(warmups: Int = 1, runs: Int, _ body: () throws -> Void) rethrows -> Samples {
        for _ in 0..<warmups { try body() }
        var values: [Double] = []
        values.reserveCapacity(runs)
        for _ in 0..<runs { values.append(try time(body).seconds) }
        return Samples(values)
    }
}

/// Timing samples in seconds.
struct Samples {
    let values: [Double]
    init(_ values: [Double]) { self.values = values }

    var sorted: [Double] { values.sorted() }
    /// The median (the mean of the two middle values for an even count).
    var median: Double {
        let sorted = self.sorted
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    var minimum: Double { values.min() ?? .nan }
    var maximum: Double { values.max() ?? .nan }

    /// `median 12.3 ms (min 11.9, max 14.0, n 10)`.
    var millisecondsSummary: String {
        "median \(Format.ms(median)) (min \(Format.ms(minimum)), max \(Format.ms(maximum)), n \(values.count))"
    }
}

enum Format {
    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    static func s(_ seconds: Double) -> String { fixed(seconds, 2) + " s" }
    static func ms(_ seconds: Double) -> String { fixed(seconds * 1000, seconds < 0.1 ? 2 : 1) + " ms" }
    static func mib(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 1) + " MiB" }
    static func count(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}

/// Sizes of a replica's files on disk (database, WAL).
enum FileSizes {
    static func bytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func database(_ path: String) -> String {
        "\(Format.mib(bytes(path))) (+ WAL \(Format.mib(bytes(path + "-wal"))))"
    }

    static func remove(database path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

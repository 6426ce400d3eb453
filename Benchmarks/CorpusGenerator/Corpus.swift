import Foundation

/// A deterministic corpus of articles and annotations for Marginalia's benchmarks.
///
/// Articles mix Vietnamese (NFC: "người", "nước", "Đường", "thành phố", "mưa lũ") and
/// English sentences, with typographic quotes “ ”, dashes —, ellipses … and now and
/// then an emoji (most outside the BMP, some of several scalars), in paragraphs
/// separated by blank lines. Bodies are 2 to 6 KB of UTF-8 (triangular, median about
/// 4 KB). Each annotation quotes an exact substring of its article's body that starts
/// and ends on grapheme-cluster boundaries, together with the 1-based occurrence and
/// the scalar offsets of that place, so it can be made with
/// `LocalEditor.annotate(_, at: .quote(quote, occurrence:))` or `.range(start:end:)`.
///
/// Everything derives from the seed alone (`SplitMix64`, never the system's random
/// source): the same seed gives the same corpus on every machine. Article `i` and its
/// annotations depend only on `(seed, i)`, so a corpus of 100 articles is a prefix of
/// the corpus of 20,000 with the same seed.
///
///     let corpus = Corpus(seed: 42, articles: 20_000, annotationsPerArticle: 5)
///     try corpus.writeTextFiles(to: directory)   // article-00000.txt ...: title, blank line, body
///     for annotation in corpus.annotations { ... corpus.articles[annotation.articleIndex] ... }
public struct Corpus: Sendable {
    public static let defaultSeed: UInt64 = 0x4D52_474E  // "MRGN"
    /// The bounds and mode of body sizes, in UTF-8 bytes.
    public static let bodyBytes = (low: 2048, mode: 4096, high: 6144)

    public let seed: UInt64
    public let articles: [GeneratedArticle]
    /// The annotations of every article, grouped by article in article order.
    public let annotations: [GeneratedAnnotation]

    public init(seed: UInt64 = Corpus.defaultSeed, articles count: Int, annotationsPerArticle: Int = 5) {
        precondition(count >= 0 && annotationsPerArticle >= 0)
        self.seed = seed
        (articles, annotations) = Self.slice(seed: seed, articles: 0..<count, annotationsPerArticle: annotationsPerArticle)
    }

    /// Articles `range` of the corpus with `seed` and their annotations (grouped by
    /// article, in article order), without the others: what `init` holds for that
    /// range. A corpus too large to hold in memory (`marginalia-bench --scale`) is
    /// generated slice by slice.
    public static func slice(seed: UInt64, articles range: Range<Int>, annotationsPerArticle: Int)
        -> (articles: [GeneratedArticle], annotations: [GeneratedAnnotation])
    {
        // Articles are independent, so chunks are generated on every core and joined in order.
        let chunkSize = 256
        let chunks = (range.count + chunkSize - 1) / chunkSize
        let results = ChunkResults(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var articles: [GeneratedArticle] = []
            var annotations: [GeneratedAnnotation] = []
            let start = range.lowerBound + chunk * chunkSize
            for index in start..<min(range.upperBound, start + chunkSize) {
                let article = Self.article(seed: seed, index: index)
                articles.append(article)
                annotations += Self.annotations(on: article, count: annotationsPerArticle, seed: seed)
            }
            results.store(chunk, (articles, annotations))
        }
        let parts = results.all()
        return (parts.flatMap(\.0), parts.flatMap(\.1))
    }

    /// Article `index` of the corpus with `seed`, without generating the others.
    public static func article(seed: UInt64, index: Int) -> GeneratedArticle {
        var text = TextGenerator(random: .derived(seed: seed, domain: Domain.article, index: UInt64(index)))
        let target = text.random.triangular(
            low: Double(bodyBytes.low), mode: Double(bodyBytes.mode),
            high: Double(bodyBytes.high - TextGenerator.longestSentenceBytes))
        return GeneratedArticle(index: index, title: text.title(), body: text.body(targetBytes: Int(target)))
    }

    /// `count` annotations on `article`, each on a random span of one to ten words
    /// within one paragraph (single words often recur, so occurrences above 1 are
    /// common). The same `(seed, article.index, count)` always gives the same list, and
    /// a longer list starts with the shorter one.
    public static func annotations(on article: GeneratedArticle, count: Int, seed: UInt64) -> [GeneratedAnnotation] {
        guard count > 0 else { return [] }
        var text = TextGenerator(random: .derived(seed: seed, domain: Domain.annotation, index: UInt64(article.index)))
        let body = BodyIndex(article.body)
        guard !body.wordStarts.isEmpty else { return [] }
        return (0..<count).map { _ in
            let span = body.randomSpan(using: &text.random)
            return GeneratedAnnotation(
                articleIndex: article.index, quote: span.quote, occurrence: span.occurrence,
                start: span.start, end: span.end, note: text.note(), tags: text.tags())
        }
    }

    /// The annotations of article `index` (the corpus keeps them grouped by article).
    public func annotations(ofArticle index: Int) -> ArraySlice<GeneratedAnnotation> {
        let perArticle = articles.isEmpty ? 0 : annotations.count / articles.count
        return annotations[(index * perArticle)..<((index + 1) * perArticle)]
    }

    /// Sizes of the bodies, in UTF-8 bytes.
    public var bodyStatistics: SizeStatistics { SizeStatistics(articles.map(\.body.utf8.count)) }

    /// A 64-bit FNV-1a hash of every title, body, quote, occurrence, note and tag, in
    /// order: equal fingerprints mean equal corpora (printed by the benchmarks, so runs
    /// on different machines can be checked to have measured the same data).
    public var fingerprint: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01B3
        }
        for article in articles {
            mix(article.title)
            mix(article.body)
        }
        for annotation in annotations {
            mix(annotation.quote)
            mix(String(annotation.occurrence))
            mix(annotation.note)
            annotation.tags.forEach(mix)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    enum Domain {
        static let article: UInt64 = 1
        static let annotation: UInt64 = 2
    }
}

/// The chunks of a corpus being generated concurrently, each stored once by its own task.
private final class ChunkResults: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [([GeneratedArticle], [GeneratedAnnotation])?]

    init(count: Int) { chunks = Array(repeating: nil, count: count) }

    func store(_ chunk: Int, _ result: ([GeneratedArticle], [GeneratedAnnotation])) {
        lock.lock()
        chunks[chunk] = result
        lock.unlock()
    }

    func all() -> [([GeneratedArticle], [GeneratedAnnotation])] {
        lock.lock()
        defer { lock.unlock() }
        return chunks.map { $0! }
    }
}

/// One generated article. `body` has no blank lines at its start or end and no
/// `\r`, so importing its text file gives back exactly `title` and `body`.
public struct GeneratedArticle: Hashable, Sendable {
    /// Its position in the corpus (and in the name order of the written files).
    public let index: Int
    public let title: String
    public let body: String
}

/// One generated annotation of `articleIndex`.
public struct GeneratedAnnotation: Hashable, Sendable {
    public let articleIndex: Int
    /// An exact substring of the body, on grapheme boundaries, without line breaks.
    public let quote: String
    /// Which place of the quote is meant, from 1, counting every place the quote's
    /// scalars occur with both ends on grapheme boundaries (overlaps included), as
    /// `AnchorBuilder` does.
    public let occurrence: Int
    /// The place in Unicode-scalar offsets of the body, end exclusive.
    public let start: Int
    public let end: Int
    public let note: String
    /// Valid tag names, sorted; empty for most annotations.
    public let tags: [String]
}

/// Minimum, median, maximum and total of a list of sizes.
public struct SizeStatistics: Hashable, Sendable, CustomStringConvertible {
    public let count: Int
    public let total: Int
    public let minimum: Int
    public let median: Int
    public let maximum: Int

    public init(_ sizes: [Int]) {
        let sorted = sizes.sorted()
        count = sorted.count
        total = sorted.reduce(0, +)
        minimum = sorted.first ?? 0
        median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        maximum = sorted.last ?? 0
    }

    public var description: String {
        "\(count) bodies, \(total) bytes, min \(minimum), median \(median), max \(maximum)"
    }
}

extension TextGenerator {
    /// An upper bound on one sentence's UTF-8 size (18 words + a number + a dash + an
    /// emoji), kept free below the high bound so bodies never exceed it.
    static let longestSentenceBytes = 400
}

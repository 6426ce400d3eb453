/// Writes sentences, paragraphs, titles and notes from `Vocabulary` with one generator.
struct TextGenerator {
    var random: SplitMix64

    /// Sentences are Vietnamese with this probability, else English.
    static let vietnameseShare = 0.7

    /// A body of paragraphs separated by blank lines whose UTF-8 size is at least
    /// `targetBytes`, overshooting by at most one sentence.
    mutating func body(targetBytes: Int) -> String {
        var paragraphs: [String] = []
        var size = 0
        while size < targetBytes {
            var sentences: [String] = []
            let count = random.int(in: 2...6)
            while sentences.count < count && size < targetBytes {
                let next = sentence()
                size += next.utf8.count + 1
                sentences.append(next)
            }
            paragraphs.append(sentences.joined(separator: " "))
            size += 1
        }
        return paragraphs.joined(separator: "\n\n")
    }

    /// A title of 3 to 8 words, capitalized, without final punctuation, sometimes with a quoted phrase.
    mutating func title() -> String {
        let vietnamese = random.chance(Self.vietnameseShare)
        var words = (0..<random.int(in: 3...8)).map { _ in word(vietnamese: vietnamese) }
        if words.count >= 4 && random.chance(0.15) {
            let start = random.below(words.count - 1)
            words[start] = "“" + words[start]
            words[start + 1] += "”"
        }
        return Self.capitalized(words.joined(separator: " "))
    }

    /// A note of one to three sentences.
    mutating func note() -> String {
        (0..<random.int(in: 1...3)).map { _ in sentence() }.joined(separator: " ")
    }

    /// Zero to three distinct tags, sorted.
    mutating func tags() -> [String] {
        guard random.chance(0.35) else { return [] }
        var chosen = Set<String>()
        let count = random.int(in: 1...3)
        while chosen.count < count { chosen.insert(random.pick(Vocabulary.tags)) }
        return chosen.sorted()
    }

    /// One sentence of 6 to 18 words with, now and then, a “quoted phrase”, a dash,
    /// a comma, a number, an ellipsis or an emoji.
    mutating func sentence() -> String {
        let vietnamese = random.chance(Self.vietnameseShare)
        var words = (0..<random.int(in: 6...18)).map { _ in word(vietnamese: vietnamese) }
        if random.chance(0.12) {
            let length = random.int(in: 2...4)
            let start = random.below(words.count - length + 1)
            words[start] = "“" + words[start]
            words[start + length - 1] += "”"
        }
        if random.chance(0.10) {
            words.insert(random.chance(0.5) ? "\(random.int(in: 1900...2030))" : "\(random.int(in: 1...99)),\(random.below(10))%",
                         at: random.below(words.count + 1))
        }
        if random.chance(0.25) {
            let position = random.below(words.count - 1)
            words[position] += ","
        }
        if random.chance(0.10) {
            words.insert("—", at: random.int(in: 1...(words.count - 1)))
        }
        var text = Self.capitalized(words.joined(separator: " "))
        let end = random.unit()
        text += end < 0.08 ? "…" : end < 0.13 ? "?" : end < 0.16 ? "!" : "."
        if random.chance(0.06) { text += " " + random.pick(Vocabulary.emoji) }
        return text
    }

    private mutating func word(vietnamese: Bool) -> String {
        if vietnamese {
            return random.chance(0.04) ? random.pick(Vocabulary.borrowed) : random.pick(Vocabulary.vietnamese)
        }
        return random.pick(Vocabulary.english)
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}

import MarginaliaCore
import MarginaliaCoreTestSupport

/// Random Vietnamese prose and random word-level edits of it, for diff properties:
/// words with stacked diacritics, some written decomposed (NFD), punctuation and line
/// breaks, changed by inserted, deleted and replaced words and retoned vowels.
enum VietnameseEdits {
    static let words = [
        "Hà", "Nội", "mưa", "lớn", "kéo", "dài", "nhiều", "tuyến", "phố", "ngập", "sâu", "Nguyễn", "Khuyến", "Trần",
        "Bình", "Trọng", "nước", "dâng", "cao", "quá", "đầu", "gối", "xe", "máy", "chết", "giữa", "đường", "ông",
        "Đức", "tuổi", "ngõ", "nhỏ", "cạnh", "Văn", "Miếu", "thủy", "văn", "khí", "tượng", "Nghị", "quyết", "khóa",
        "XIII", "135,5", "mm", "4,15", "m", "Tô", "Lịch", "đồng", "thời", "hỗ", "trợ", "ưu", "tiên", "Nguye\u{0302}\u{0303}n",
        "đu\u{031B}o\u{031B}\u{0300}ng", "trữ", "lượng", "chuyện", "ở", "và", "của", "là", "một",
    ]
    static let separators = [" ", " ", " ", " ", ", ", ". ", " — ", "\n", "  "]

    static func text(using rng: inout SplitMix64, words count: Int) -> String {
        (0..<count).map { index in (index == 0 ? "" : rng.pick(separators)) + rng.pick(words) }.joined()
    }

    /// `text` with a few random edits: words (with the space before) inserted, deleted
    /// or replaced, a vowel retoned, or the whole text replaced.
    static func edited(_ text: String, using rng: inout SplitMix64) -> String {
        if rng.chance(0.1) { return self.text(using: &rng, words: rng.int(0...10)) }
        var tokens = WordTokens.of(text).map(String.init)
        for _ in 0..<rng.int(1...4) {
            let at = rng.int(0...tokens.count)
            switch rng.int(0...3) {
            case 0: tokens.insert(contentsOf: [" ", rng.pick(words)], at: at)
            case 1 where at < tokens.count: tokens.remove(at: at)
            case 2 where at < tokens.count: tokens[at] = rng.pick(words)
            case 3 where at < tokens.count: tokens[at] = String(tokens[at].map { retone[$0] ?? $0 })
            default: tokens.append(rng.pick(separators))
            }
        }
        return tokens.joined()
    }

    /// Vowels and the same vowel with another tone: "mưa" → "mứa".
    private static let retone: [Character: Character] = ["ư": "ứ", "a": "à", "ô": "ộ", "ê": "ễ", "ơ": "ờ", "i": "ị", "đ": "d"]
}

import MarginaliaCore
import MarginaliaStore

/// One random local edit: add, edit a field, annotate, note, tag, or delete. Draws go
/// through `SplitMix64`'s own helpers, so a seed replays the same edits on any toolchain.
public enum RandomEdit {
    public static let words = ["mưa", "nước", "Đường", "phố", "lũ", "sông", "người", "dân", "reading", "margin", "📚"]

    public static func apply(to replica: Replica, using random: inout SplitMix64) throws {
        let articles = try replica.articles().map(\.id)
        let annotations = try replica.annotations().map(\.id)
        let sentence = (0..<random.int(3...8)).map { _ in random.pick(words) }.joined(separator: " ")
        try replica.edit { editor in
            guard !articles.isEmpty else {
                _ = try editor.addArticle(title: sentence, body: sentence + " " + sentence)
                return
            }
            let article = random.pick(articles)
            switch random.int(0...8) {
            case 0: _ = try editor.addArticle(title: sentence, body: sentence)
            case 1: try? editor.editArticle(article, title: random.int(0...1) == 0 ? "Same" : sentence)
            case 2: try? editor.editArticle(article, body: sentence + " " + sentence)
            case 3: try? editor.editArticle(article, source: random.int(0...1) == 0 ? "" : "https://x/\(sentence.count)")
            case 4:
                let word = random.pick(words)
                _ = try? editor.annotate(article, at: .quote(word, occurrence: 1), note: sentence)
            case 5 where !annotations.isEmpty: try? editor.setNote(random.pick(annotations), to: sentence)
            case 6:
                let tag = Tag(random.pick(["a", "b", "c"]))!
                let adding = random.int(0...1) == 0
                try? editor.tag(article, kind: .article, adding: adding ? [tag] : [], removing: adding ? [] : [tag])
            case 7 where !annotations.isEmpty: try? editor.deleteAnnotation(random.pick(annotations))
            case 8: try? editor.deleteArticle(article)
            default: break  // a note or an annotation's deletion, with no annotation yet
            }
        }
    }
}

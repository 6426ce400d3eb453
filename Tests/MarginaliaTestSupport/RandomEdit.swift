import MarginaliaCore
import MarginaliaStore

/// One random local edit: add, edit a field, annotate, note, tag, or delete.
public enum RandomEdit {
    public static let words = ["mưa", "nước", "Đường", "phố", "lũ", "sông", "người", "dân", "reading", "margin", "📚"]

    public static func apply(to replica: Replica, using random: inout SplitMix64) throws {
        let articles = try replica.articles().map(\.id)
        let annotations = try replica.annotations().map(\.id)
        let sentence = (0..<Int.random(in: 3...8, using: &random)).map { _ in words.randomElement(using: &random)! }
            .joined(separator: " ")
        try replica.edit { editor in
            guard let article = articles.randomElement(using: &random) else {
                _ = try editor.addArticle(title: sentence, body: sentence + " " + sentence)
                return
            }
            switch Int.random(in: 0..<9, using: &random) {
            case 0: _ = try editor.addArticle(title: sentence, body: sentence)
            case 1: try? editor.editArticle(article, title: Bool.random(using: &random) ? "Same" : sentence)
            case 2: try? editor.editArticle(article, body: sentence + " " + sentence)
            case 3: try? editor.editArticle(article, source: Bool.random(using: &random) ? "" : "https://x/\(sentence.count)")
            case 4:
                let word = words.randomElement(using: &random)!
                _ = try? editor.annotate(article, at: .quote(word, occurrence: 1), note: sentence)
            case 5:
                if let annotation = annotations.randomElement(using: &random) { try? editor.setNote(annotation, to: sentence) }
            case 6:
                let tag = Tag(["a", "b", "c"].randomElement(using: &random)!)!
                let adding = Bool.random(using: &random)
                try? editor.tag(article, kind: .article, adding: adding ? [tag] : [], removing: adding ? [] : [tag])
            case 7:
                if let annotation = annotations.randomElement(using: &random) { try? editor.deleteAnnotation(annotation) }
            default:
                try? editor.deleteArticle(article)
            }
        }
    }
}

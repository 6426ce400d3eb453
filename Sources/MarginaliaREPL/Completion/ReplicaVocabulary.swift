import Foundation
import MarginaliaCLI
import MarginaliaCore
import MarginaliaStore

/// The replica's words that Tab completes: article and annotation ids (found by an id
/// prefix, or by a word of a title or note, ignoring case and diacritics), peer names,
/// tags and field names. Read fresh at each Tab, so they follow every command and sync.
struct ReplicaVocabulary {
    /// The fields people edit and resolve, as the store names them.
    static let fieldNames = [FieldName.title, .body, .source, .note].map(\.rawValue)

    let context: CommandContext

    func articles(matching word: String) -> [String] {
        let articles = (try? context.replica().articles()) ?? []
        return entities(articles.map { ($0.id, $0.title) }, matching: word)
    }

    func annotations(matching word: String) -> [String] {
        let annotations = (try? context.replica().annotations()) ?? []
        return entities(annotations.map { ($0.id, $0.note) }, matching: word)
    }

    func peers(matching word: String) -> [String] {
        ((try? context.replica().peers()) ?? []).map(\.name).filter { $0.hasPrefix(word) }
    }

    func tags(matching word: String) -> [String] {
        let articles = (try? context.replica().articles()) ?? []
        return Set(articles.flatMap(\.tags)).filter { $0.hasPrefix(word) }.sorted()
    }

    /// Ids starting with `word`; failing that, ids whose text has a word starting with it.
    private func entities(_ entities: [(id: EntityID, text: String)], matching word: String) -> [String] {
        let byID = entities.map(\.id.rawValue).filter { $0.hasPrefix(word.lowercased()) }
        if !byID.isEmpty || word.isEmpty { return byID }
        let typed = Self.folded(word)
        return entities.filter { entity in
            Self.folded(entity.text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0.hasPrefix(typed) }
        }.map(\.id.rawValue)
    }

    /// Lowercase, without diacritics, `đ` as `d`: as search matches.
    private static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d")
    }
}

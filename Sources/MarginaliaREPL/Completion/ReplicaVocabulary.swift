import Foundation
import MarginaliaCLI
import MarginaliaCore
import MarginaliaStore

/// The replica's words that Tab completes: article and annotation ids (found by an id
/// prefix, or by a word of a title or note, ignoring case and diacritics), those with
/// open conflicts and their conflicted fields, sync peer and trusted peer names, tags.
/// Read fresh at each Tab, so they follow every command and sync.
struct ReplicaVocabulary {
    let context: CommandContext

    /// Visible articles, or with `deleted` those in the trash (for `restore`).
    func articles(matching word: String, deleted: Bool = false) -> [Candidate] {
        let articles = (try? context.replica().articles(deleted: deleted)) ?? []
        return entities(articles.map { ($0.id, $0.title) }, matching: word)
    }

    /// Visible annotations, or with `deleted` those in the trash (for `restore`).
    func annotations(matching word: String, deleted: Bool = false) -> [Candidate] {
        let annotations = (try? context.replica().annotations(deleted: deleted)) ?? []
        return entities(annotations.map { ($0.id, $0.annotation.note) }, matching: word)
    }

    /// Articles and annotations with open conflicts (deleted ones included: an edit
    /// concurrent with a delete is one), labelled as `conflicts` lists them.
    func conflicted(matching word: String) -> [Candidate] {
        var seen: Set<EntityID> = []
        let conflicted = ((try? context.replica().conflicts()) ?? []).filter { seen.insert($0.entity).inserted }
        return entities(conflicted.map { (id: $0.entity, text: $0.label) }, matching: word)
    }

    /// The fields in conflict on the entity `id` names; every field people resolve
    /// (Core's, of both kinds) when `id` names nothing.
    func conflictedFields(of id: String) -> [String] {
        guard let replica = try? context.replica(), let entity = try? replica.resolve(id),
            let conflicts = try? replica.conflicts(of: entity.id)
        else { return EntityKind.allCases.flatMap(\.userFields).map(\.rawValue) }
        return conflicts.compactMap(\.field?.rawValue)
    }

    /// Names of the peers this replica syncs with (`peer add`).
    func peers(matching word: String) -> [String] {
        ((try? context.replica().peers()) ?? []).map(\.name).filter { $0.hasPrefix(word) }
    }

    /// The peers this replica trusts (`trust add`): their names, and the fingerprints of
    /// those without one.
    func trustedPeers(matching word: String) -> [String] {
        ((try? context.replica().trustedPeers()) ?? []).map { $0.name ?? $0.fingerprint.description }
            .filter { $0.hasPrefix(word) }
    }

    /// Tags of articles and annotations alike, starting with `word` regardless of case
    /// and diacritics, as tag filters match (`doi` completes to `Đối-ngoại`).
    func tags(matching word: String) -> [String] {
        let typed = Self.folded(word)
        return ((try? context.replica().tagCounts()) ?? []).map(\.tag).filter { Self.folded($0).hasPrefix(typed) }
    }

    /// Ids starting with `word`; failing that, ids whose text has a word starting with it.
    /// Each is labelled with its text, shown when several are listed.
    private func entities(_ entities: [(id: EntityID, text: String)], matching word: String) -> [Candidate] {
        let byID = entities.filter { $0.id.rawValue.hasPrefix(word.lowercased()) }
        let typed = Self.folded(word)
        let matches = !byID.isEmpty || word.isEmpty ? byID : entities.filter { entity in
            Self.folded(entity.text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0.hasPrefix(typed) }
        }
        return matches.map { Candidate(word: $0.id.rawValue, label: $0.text.isEmpty ? nil : Self.label($0.text)) }
    }

    /// The text on one line, shortened.
    private static func label(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 60 ? line.prefix(59) + "…" : line
    }

    /// Folded as quotes are (`FoldedText`): no case, no diacritics, `đ` and `Ð` as `d`.
    private static func folded(_ text: String) -> String {
        FoldedText(text.unicodeScalars).text
    }
}

import MarginaliaCore

/// The merge of a conflict's competing texts, word by word against their common
/// ancestor (an empty text when the log has none). This replica's value comes first,
/// then the others in the order they are listed (`Conflict.valueOrder`), each distinct
/// text once; more than two are merged in turn, each into the merge of those before.
public enum ConflictMerge: Sendable {
    /// Every change fitted: the merged text.
    case clean(String)
    /// Some changes overlapped: `markedText` holds them between conflict markers (named
    /// by the authors), `count` says how many, and `merge` (the last one made) reads the
    /// text back once a person has kept one version of each (`TextMerge.settled`).
    case conflicted(TextMerge, markedText: String, count: Int)

    /// The merge of `values` against `ancestor`, seen from replica `ours`.
    static func of(_ values: [CompetingValue], ancestor: String, ours: ReplicaID) -> ConflictMerge {
        var texts: [(text: String, author: String)] = []
        let ordered = values.filter { $0.dot.replica == ours } + values.filter { $0.dot.replica != ours }
        for value in ordered where !texts.contains(where: { $0.text == value.value.text ?? "" }) {
            texts.append((value.value.text ?? "", value.author))
        }
        var merged = texts.first?.text ?? ancestor
        var last = TextMerge(chunks: [.merged(merged)])
        var conflicts = 0
        for other in texts.dropFirst() {
            last = ThreeWayTextMerge.merge(base: ancestor, ours: merged, theirs: other.text)
            conflicts += last.conflictCount
            merged = last.text ?? last.markedText(ours: texts[0].author, ancestor: "ancestor", theirs: other.author)
        }
        return conflicts == 0 ? .clean(merged) : .conflicted(last, markedText: merged, count: conflicts)
    }
}

extension Replica {
    /// The merge of a field conflict's competing texts (`ConflictMerge`), to write with
    /// `Resolution.text` as it is or once a person has settled what it could not.
    public func merge(_ conflict: Conflict) throws -> ConflictMerge {
        guard let field = conflict.field else { throw ReplicaError.unsuitable(for: conflict) }
        guard field.holdsText else { throw ReplicaError.notText(conflict.id, kind: conflict.entityKind) }
        let ancestor = try commonAncestor(of: field, in: conflict.entity, siblings: conflict.values.map(\.dot))
        return .of(conflict.values, ancestor: ancestor?.value.text ?? "", ours: id)
    }
}

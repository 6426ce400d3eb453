/// Something people have to decide after concurrent edits: an open conflict.
///
/// There are three kinds, and no others: a user field with competing values, an edit
/// made concurrently with a delete, and an annotation kept (or made) while its article
/// was deleted elsewhere. The first two are read from the entity's own registers
/// (`EntityState.openConflicts`); the third needs the article too. Every view of
/// conflicts (status, the prompt, `conflicts`, `conflict ID`, a sync's summary,
/// `resolve`) lists or counts this same set, so they always agree.
public struct Conflict: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A field with two or more distinct values, in `Conflict.valueOrder`.
        case field(FieldName, [CompetingValue])
        /// Edited on one replica while deleted on another: the `alive` values, in
        /// `Conflict.valueOrder`.
        case editedWhileDeleted([CompetingValue])
        /// An annotation added (or kept) while its article was deleted elsewhere.
        case annotationOnDeletedArticle(article: EntityID)
    }

    public var id: ID
    public var entityKind: EntityKind
    /// The article's title, or the annotation's quote: what people recognise it by.
    public var label: String
    public var kind: Kind

    public init(id: ID, entityKind: EntityKind, label: String, kind: Kind) {
        self.id = id
        self.entityKind = entityKind
        self.label = label
        self.kind = kind
    }

    /// The entity in conflict.
    public var entity: EntityID { id.entity }

    /// The conflicted user field, for a field conflict; nil for a conflict over the
    /// entity's existence.
    public var field: FieldName? {
        if case .field(let field, _) = kind { return field }
        return nil
    }

    /// The competing values: a field's, or the `alive` values of an edit concurrent
    /// with a delete; none for an annotation whose article was deleted.
    public var values: [CompetingValue] {
        switch kind {
        case .field(_, let values), .editedWhileDeleted(let values): values
        case .annotationOnDeletedArticle: []
        }
    }

    /// The order competing values are listed and numbered in (from 1, as `resolve
    /// --take N` counts them): the displayed value first, then by falling Lamport
    /// timestamp, equal timestamps by falling replica id. It depends only on the
    /// values' changes, so every replica holding the same changes numbers them alike.
    public static func valueOrder(_ a: CompetingValue, _ b: CompetingValue) -> Bool {
        (a.lamport, a.dot.replica) > (b.lamport, b.dot.replica)
    }
}

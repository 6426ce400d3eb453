import MarginaliaCore

/// How a person settles an open conflict. What each way means is decided here and in
/// `LocalEditor.resolve(_:by:)`, for every front end alike: they only ask which, and
/// print what was written.
public enum Resolution: Hashable, Sendable {
    /// Value N, counting from 1 in the order the values are listed (`Conflict.valueOrder`).
    /// For an edit made while deleted elsewhere the values are `alive` flags: one that is
    /// true keeps the entity, one that is false deletes it. For an annotation on a
    /// deleted article, 1 keeps it (bringing the article back) and 2 deletes it.
    case take(Int)
    /// The value this replica wrote (a replica writes at most one of a field's competing
    /// values: its own changes are never concurrent).
    case ours
    /// The value the other replicas wrote, when they all wrote the same one.
    case theirs
    /// A new text for a field that holds text: typed, merged (`ConflictMerge`) or edited.
    case text(String)
    /// Keeps an entity edited while deleted elsewhere; an annotation whose article was
    /// deleted keeps it, bringing the article back with the values it had (its other
    /// annotations stay deleted).
    case keep
    /// Deletes it after all (an article with its annotations).
    case delete
}

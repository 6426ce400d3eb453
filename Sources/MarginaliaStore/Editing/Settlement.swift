import MarginaliaCore

/// What `LocalEditor.resolve(_:by:)` wrote, for a front end to tell.
public enum Settlement: Hashable, Sendable {
    /// The field now holds this one of its competing values.
    case took(CompetingValue)
    /// The field now holds a new text.
    case wrote(String)
    /// The entity was kept (an annotation on a deleted article, with its article).
    case kept
    /// The entity was deleted.
    case deleted
}

/// What a value typed on a command line names: what Tab offers for it. Declared with
/// each argument (`DescribedArguments`), so completion follows types, not the words
/// help happens to show.
public enum ValueKind: Sendable, Equatable {
    /// Free text (a title, a note, a number): nothing to offer.
    case text
    /// A visible article or annotation.
    case entity
    /// An article or annotation in the trash.
    case deletedEntity
    case article
    case annotation
    /// An article or annotation with open conflicts.
    case conflictedEntity
    /// A field in conflict on the entity named before it.
    case conflictedField
    /// A file or directory.
    case path
    /// A sync peer's name, else a path (the target of `sync` and `peer add`).
    case syncTarget
    /// A sync peer's name (as `peer add` named it).
    case syncPeer
    /// A trusted peer's name, or fingerprint when it has none (as `trust add` trusted it).
    case trustedPeer
    /// A tag of articles or annotations.
    case tag
    /// A tag after `+` (to add) or `-` (to remove).
    case signedTag
    /// A command's name (`help`'s).
    case command
    /// One of these words only.
    case choices([String])
}

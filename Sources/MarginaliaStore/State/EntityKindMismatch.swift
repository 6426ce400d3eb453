import MarginaliaCore

/// A change treats an entity as another kind than it is (an edit of article fields
/// sent for an annotation's id). Received changes are refused for it; found by the
/// lookup that loads the entity anyway, so checking costs no query of its own.
struct EntityKindMismatch: Error, CustomStringConvertible {
    let entity: EntityID
    let actual: EntityKind
    let claimed: EntityKind

    var description: String { "\(entity) is an \(actual), not an \(claimed)" }
}

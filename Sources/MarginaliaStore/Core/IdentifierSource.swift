import MarginaliaCore

/// Where a replica draws the ids of the entities it creates. Ids decide the merge
/// rules' tie-breaks, so a property test that fails for one seed replays exactly only
/// when its ids come from that seed too: tests substitute a seeded source, as they
/// substitute a clock.
public protocol IdentifierSource: Sendable {
    /// A fresh entity id (the replica checks that it is unused).
    func nextEntityID() -> EntityID
}

/// The system's random source.
public struct SystemIdentifierSource: IdentifierSource {
    public init() {}
    public func nextEntityID() -> EntityID { .random() }
}

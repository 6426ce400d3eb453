import MarginaliaCore

extension SyncSession {
    /// Writes a bundle: this replica's hello, every change `knowledge` does not
    /// cover, and `done`. A bundle is the initiator's half of a session, carried by hand.
    public func writeBundle(for knowledge: VersionVector) async throws -> SyncSummary {
        let conflicts = try openConflicts()
        try await send(.hello(Hello(replica: replica.id, name: try replica.name(), knowledge: try replica.knowledge())))
        try await sendChanges(missingFrom: knowledge)
        return try summary(peer: nil, conflictsBefore: conflicts)
    }

    /// Applies a bundle with the same checks as a live session. Applying one twice,
    /// or an older one after a newer, only finds duplicates.
    public func applyBundle() async throws -> SyncSummary {
        let conflicts = try openConflicts()
        let creator = try await receiveHello()
        try await check(creator)
        try await receiveChanges()
        // A bundle may be older than what is already known of its creator: keep the newer.
        let earlier = try replica.rememberedKnowledge(of: creator.replica) ?? VersionVector()
        try replica.remember(replica: creator.replica, name: creator.name, knowledge: creator.knowledge.merged(with: earlier))
        return try summary(peer: creator, conflictsBefore: conflicts)
    }
}

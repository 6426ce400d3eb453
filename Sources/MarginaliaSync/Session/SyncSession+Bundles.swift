import MarginaliaCore

extension SyncSession {
    /// Writes a bundle: this replica's hello, every change `knowledge` does not
    /// cover, `done`, and the digest of the hello's knowledge. A bundle is the
    /// initiator's half of a session, carried by hand. Its hello says version 1, so that
    /// replicas of that version apply it: they stop reading at `done`.
    public func writeBundle(for knowledge: VersionVector) async throws -> SyncSummary {
        let conflicts = try await openConflicts()
        let hello = Hello(
            replica: store.id, name: try await store.name(), knowledge: try await store.knowledge(),
            version: ProtocolConstants.oldestVersion)
        try await send(.hello(hello))
        try await sendChanges(missingFrom: knowledge)
        try await sendDigest(of: hello.knowledge)
        return try await summary(peer: nil, conflictsBefore: conflicts)
    }

    /// Applies a bundle with the same checks as a live session. Applying one twice,
    /// or an older one after a newer, only finds duplicates.
    public func applyBundle() async throws -> SyncSummary {
        let conflicts = try await openConflicts()
        let creator = try await receiveHello()
        try await check(creator)
        try await receiveChanges()
        try await checkBundleDigest(from: creator)
        // A bundle may be older than what is already known of its creator: keep the newer.
        let earlier = try await store.rememberedKnowledge(of: creator.replica) ?? VersionVector()
        try await store.remember(replica: creator.replica, name: creator.name, knowledge: creator.knowledge.merged(with: earlier))
        return try await summary(peer: creator, conflictsBefore: conflicts)
    }
}

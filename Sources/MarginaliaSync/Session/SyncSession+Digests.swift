import MarginaliaCore

extension SyncSession {
    /// Version 2: each half of a session ends, after its `done`, with the sender's digest
    /// of the changes its hello named. The receiver holds them all once the half is
    /// applied (it had them, or was just sent them), so it compares its own digest of
    /// them: the two checks together cover every change both sides hold at the end.
    func sendDigest(of knowledge: VersionVector) async throws {
        guard version >= 2 else { return }
        try await send(.digest(SessionDigest(digest: try await digest(covering: knowledge))))
        try await transport.flush()
    }

    /// Version 2: reads the digest ending the peer's half and compares it with this
    /// replica's of the same changes (those the peer's hello named). Equal digests clear
    /// any divergence recorded for the peer; different ones are recorded and end the
    /// session with `diverged`, after the half was stored.
    func checkDigest(from peer: Hello, _ differences: [DivergenceSearch.Difference]) async throws {
        guard version >= 2 else { return }
        let theirs = try await receive("digest") { message -> LogDigest? in
            if case .digest(let digest) = message { digest.digest } else { nil }
        }
        try await settle(own: try await digest(covering: peer.knowledge), theirs: theirs, peer: peer, differences)
    }

    /// Version 2, responder: after its digest, reads until the initiator hangs up. An
    /// initiator that found the digest different says so (`error` `diverged`), and the
    /// divergence is recorded here too, in the same session; one that just hangs up (all
    /// is well, or an older peer) ends the session. The sending side is closed first, so
    /// that an initiator still waiting for lines (the answer lost on the way) sees the
    /// end rather than both waiting.
    func receiveLastWord(from peer: Hello, own knowledge: VersionVector) async throws {
        guard version >= 2 else { return }
        try await transport.finishSending()
        do {
            _ = try await readOptionalMessage("the end of the session") { _ -> Void? in nil }
        } catch SyncFailure.peerReported(let error) where error.code == .diverged {
            throw try await divergenceReported(by: peer, own: knowledge, [])
        } catch let error as ProtocolError {
            // Nothing can be sent any more: refused without an `error` line.
            throw SyncFailure.refused(error)
        }
    }

    /// Ends applying a bundle that carries its creator's digest after `done` (bundles of
    /// version 1 end at `done`, and are not checked).
    func checkBundleDigest(from creator: Hello) async throws {
        let trailing = try await readOptionalMessage("a digest or the end") { message -> LogDigest? in
            if case .digest(let digest) = message { digest.digest } else { nil }
        }
        guard let theirs = trailing else { return }
        try await settle(own: try await digest(covering: creator.knowledge), theirs: theirs, peer: creator, [])
    }

    /// A divergence the peer found (its `error`): recorded here too, and said in this
    /// side's words, with the changes found, if searched.
    func divergenceReported(
        by peer: Hello, own knowledge: VersionVector, _ differences: [DivergenceSearch.Difference]
    ) async throws -> SyncFailure {
        let own = try await digest(covering: knowledge)
        try await store.recordDivergence(peer: peer.replica, name: peer.name, local: own, remote: nil)
        return SyncFailure.refused(ProtocolError(
            .diverged,
            "\(peer.name) (\(peer.replica)) holds the same changes with other content "
                + "(it found this replica's digest, \(Self.short(own)), different from its own); \(Self.named(differences))"))
    }

    /// Version 2, initiator: before sending its changes, compares digests of ranges of the
    /// changes both hold, halving those that differ (`DivergenceSearch`), and returns the
    /// changes found to differ.
    func searchDivergence(common: VersionVector) async throws -> [DivergenceSearch.Difference] {
        guard version >= 2 else {
            throw try await fail(ProtocolError(
                .unsupportedVersion, "the peer speaks version \(version) of the protocol, which cannot search for divergence"))
        }
        var search = DivergenceSearch(common: common)
        while !search.isFinished {
            var remote: [LogDigest] = []
            for start in stride(from: 0, to: search.pending.count, by: ProtocolConstants.maximumProbeRanges) {
                let ranges = Array(search.pending[start..<min(start + ProtocolConstants.maximumProbeRanges, search.pending.count)])
                try await send(.probe(Probe(ranges: ranges)))
                try await transport.flush()
                let answer = try await receive("range_digests") { message -> [LogDigest]? in
                    if case .rangeDigests(let answer) = message { answer.digests } else { nil }
                }
                guard answer.count == ranges.count else {
                    throw try await fail(ProtocolError(
                        .unexpectedMessage, "\(answer.count) digests answer a probe of \(ranges.count) ranges", line: linesReceived))
                }
                remote += answer
            }
            guard let local = try await store.logDigests(of: search.pending) else {
                throw try await fail(ProtocolError(.internalError, "this replica lacks changes it meant to compare"))
            }
            search.compare(local: local, remote: remote)
        }
        return search.found
    }

    /// Version 2, responder: the digest of each range a `probe` names, all of which it must hold.
    func answer(_ probe: Probe) async throws {
        guard probe.ranges.count <= ProtocolConstants.maximumProbeRanges else {
            throw try await fail(ProtocolError(
                .malformedLine, "a probe of more than \(ProtocolConstants.maximumProbeRanges) ranges", line: linesReceived))
        }
        guard let digests = try await store.logDigests(of: probe.ranges) else {
            throw try await fail(ProtocolError(
                .unexpectedMessage, "the probe names changes this replica does not hold", line: linesReceived))
        }
        try await send(.rangeDigests(RangeDigests(digests: digests)))
        try await transport.flush()
    }

    private func digest(covering knowledge: VersionVector) async throws -> LogDigest {
        guard let digest = try await store.logDigest(covering: knowledge) else {
            throw try await fail(ProtocolError(.internalError, "this replica lacks changes the session should have given it"))
        }
        return digest
    }

    private func settle(
        own: LogDigest, theirs: LogDigest, peer: Hello, _ differences: [DivergenceSearch.Difference]
    ) async throws {
        guard own != theirs else {
            try await store.clearDivergence(peer: peer.replica)
            return
        }
        try await store.recordDivergence(peer: peer.replica, name: peer.name, local: own, remote: theirs)
        throw try await fail(ProtocolError(
            .diverged,
            "\(peer.name) (\(peer.replica)) holds the same changes with other content "
                + "(digest here \(Self.short(own)), there \(Self.short(theirs))); \(Self.named(differences))",
            line: linesReceived))
    }

    private static func named(_ differences: [DivergenceSearch.Difference]) -> String {
        differences.isEmpty
            ? "'marginalia sync --find-divergence' names the changes that differ"
            : "changes that differ: " + differences.map {
                "\($0.dot) (here \(short($0.local)), there \(short($0.remote)))"
            }.joined(separator: ", ")
    }

    /// The first 16 hex digits: enough to tell digests apart in a message.
    private static func short(_ digest: LogDigest) -> String { String(digest.description.prefix(16)) }
}

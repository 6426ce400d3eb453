import MarginaliaCore
import MarginaliaStore

extension SyncSession {
    /// Version 2, after both halves: each side sends the digest of the changes both now
    /// hold (both hellos' knowledge merged: everything either had at the start, which
    /// the session gave the other), the initiator first. Equal digests clear any
    /// divergence recorded for the peer; different ones are recorded and end the session
    /// with `diverged`, on both sides, after all the changes were stored: the same dots
    /// with other bytes on each side, which no later sync would ever resend.
    func compareDigests(
        as role: Role, with peer: Hello, holding common: VersionVector, _ differences: [DivergenceSearch.Difference]
    ) async throws {
        guard version >= 2 else { return }
        let own = try await digest(covering: common)
        let theirs: LogDigest
        switch role {
        case .initiator:
            try await send(.digest(SessionDigest(digest: own)))
            try await transport.flush()
            theirs = try await receiveDigest()
        case .responder:
            theirs = try await receiveDigest()
            try await send(.digest(SessionDigest(digest: own)))
            try await transport.flush()
        }
        try await settle(own: own, theirs: theirs, peer: peer, differences)
    }

    /// Ends applying a bundle that carries its creator's digest after `done` (bundles of
    /// version 1 end at `done`, and are not checked).
    func compareBundleDigest(from creator: Hello) async throws {
        let trailing = try await readOptionalMessage("a digest or the end") { message -> LogDigest? in
            if case .digest(let digest) = message { digest.digest } else { nil }
        }
        guard let theirs = trailing else { return }
        try await settle(own: try await digest(covering: creator.knowledge), theirs: theirs, peer: creator, [])
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
            guard let local = try replica.logDigests(of: search.pending) else {
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
        guard let digests = try replica.logDigests(of: probe.ranges) else {
            throw try await fail(ProtocolError(
                .unexpectedMessage, "the probe names changes this replica does not hold", line: linesReceived))
        }
        try await send(.rangeDigests(RangeDigests(digests: digests)))
        try await transport.flush()
    }

    private func receiveDigest() async throws -> LogDigest {
        try await receive("digest") { message -> LogDigest? in
            if case .digest(let digest) = message { digest.digest } else { nil }
        }
    }

    private func digest(covering common: VersionVector) async throws -> LogDigest {
        guard let digest = try replica.logDigest(covering: common) else {
            throw try await fail(ProtocolError(.internalError, "this replica lacks changes the session should have given it"))
        }
        return digest
    }

    private func settle(
        own: LogDigest, theirs: LogDigest, peer: Hello, _ differences: [DivergenceSearch.Difference]
    ) async throws {
        guard own != theirs else {
            try replica.clearDivergence(peer: peer.replica)
            return
        }
        try replica.recordDivergence(peer: peer.replica, name: peer.name, local: own, remote: theirs)
        let named = differences.isEmpty
            ? "'marginalia sync --find-divergence' names the changes that differ"
            : "changes that differ: " + differences.map {
                "\($0.dot) (here \(Self.short($0.local)), there \(Self.short($0.remote)))"
            }.joined(separator: ", ")
        throw try await fail(ProtocolError(
            .diverged,
            "\(peer.name) (\(peer.replica)) holds the same changes with other content "
                + "(digest here \(Self.short(own)), there \(Self.short(theirs))); \(named)",
            line: linesReceived))
    }

    /// The first 16 hex digits: enough to tell digests apart in a message.
    private static func short(_ digest: LogDigest) -> String { String(digest.description.prefix(16)) }
}

import Foundation
import MarginaliaCore

/// The one implementation of a sync session, run by both sides over any transport, for
/// any `SyncStore` (a replica, a hub).
///
/// Initiator: [receive challenge] → send hello → receive hello → [probe] → send what
/// the responder lacks, then done [and digest] → receive what it lacks until done [and
/// digest]. Responder: [send challenge] → receive hello → send hello → [answer probes]
/// → receive until done [and digest] → send what the initiator lacks, then done [and
/// digest, then read until the end: the initiator may say its digest differs].
/// (Probes and digests: version 2, `SyncSession+Digests`.)
/// Received changes are checked and applied in batches,
/// each one transaction that also raises knowledge: a session cut at any moment
/// leaves both replicas valid, and the next one resumes after the last batch.
/// Any violation gets an `error` line naming the offending line, and ends the session.
public final class SyncSession {
    public enum Role: Sendable { case initiator, responder }

    let store: any SyncStore
    let transport: any LineTransport
    let admission: PeerAdmission?
    let progress: ((SyncProgress) -> Void)?
    let coding = MessageCoding()
    let started = Date()
    var linesReceived = 0
    var counts = SyncProgress(sent: 0, received: 0, bytesSent: 0, bytesReceived: 0, seconds: 0)
    var duplicates = 0
    /// Whether the initiator searches for diverged changes before sending its own.
    let findingDivergence: Bool
    /// The version both sides speak, once the hellos are exchanged.
    var version = ProtocolConstants.version
    /// Whether this side has sent its `error` line: the last it may send.
    var sentError = false

    /// `admission` is given for TCP: how the peer is admitted (see `PeerAdmission`).
    /// `findingDivergence` (initiator): compare range digests first, and name the changes
    /// that differ if the session ends `diverged`.
    public init(
        store: any SyncStore, transport: any LineTransport, admission: PeerAdmission? = nil,
        findingDivergence: Bool = false, progress: ((SyncProgress) -> Void)? = nil
    ) {
        self.store = store
        self.transport = transport
        self.admission = admission
        self.findingDivergence = findingDivergence
        self.progress = progress
    }

    /// Runs the session to its end. A failure of the store that passes (a hub's database
    /// restarting) is told to the peer as `unavailable`, whatever the session was doing,
    /// so that it tries again later rather than take it for a hang-up.
    public func run(as role: Role) async throws -> SyncSummary {
        do {
            return try await runToEnd(as: role)
        } catch {
            if !sentError, let unavailable = store.unavailability(error) { _ = try? await fail(unavailable) }
            throw error
        }
    }

    private func runToEnd(as role: Role) async throws -> SyncSummary {
        let conflictsBefore = try await openConflicts()
        let peer: Hello
        // What the peer is known to hold at the end: a lower bound, never more, since
        // `bundle create --for` leaves out whatever it names.
        let peerHolds: VersionVector
        switch role {
        case .initiator:
            let own: Hello
            (own, peer) = try await introduceAsInitiator()
            // Both held the shared part of the two hellos from the start.
            let differences = findingDivergence
                ? try await searchDivergence(common: own.knowledge.shared(with: peer.knowledge)) : []
            let sent = try await sendChanges(missingFrom: peer.knowledge)
            try await sendDigest(of: own.knowledge)
            // The responder answers only after applying all of it (and checking its digest).
            do {
                try await receiveChanges()
            } catch SyncFailure.peerReported(let error) where error.code == .diverged {
                throw try await divergenceReported(by: peer, own: own.knowledge, differences)
            }
            try await checkDigest(from: peer, differences)
            peerHolds = peer.knowledge.merged(with: sent)
        case .responder:
            let own: Hello
            (own, peer) = try await introduceAsResponder()
            let received = try await receiveChanges(answeringProbes: version >= 2)
            try await checkDigest(from: peer, [])
            try await sendChanges(missingFrom: peer.knowledge)
            try await sendDigest(of: own.knowledge)
            try await receiveLastWord(from: peer, own: own.knowledge)
            // The responder speaks last and never learns whether its answer arrived,
            // so it credits the initiator only with what the initiator showed it had.
            peerHolds = peer.knowledge.merged(with: received)
        }
        try await store.remember(replica: peer.replica, name: peer.name, knowledge: peerHolds)
        return try await summary(peer: peer, conflictsBefore: conflictsBefore)
    }

    /// The open conflicts, to tell those a session brings and those it settles.
    func openConflicts() async throws -> Set<Conflict.ID> {
        try await store.openConflictIDs()
    }

    func summary(peer: Hello?, conflictsBefore: Set<Conflict.ID>) async throws -> SyncSummary {
        let conflictsAfter = try await openConflicts()
        return SyncSummary(
            peer: peer?.replica.rawValue ?? "", peerName: peer?.name ?? "", sent: counts.sent,
            received: counts.received, duplicates: duplicates,
            newConflicts: conflictsAfter.subtracting(conflictsBefore).count,
            settledConflicts: conflictsBefore.subtracting(conflictsAfter).count,
            bytesSent: counts.bytesSent, bytesReceived: counts.bytesReceived,
            seconds: Date().timeIntervalSince(started))
    }

    // MARK: Handshake

    private func introduceAsInitiator() async throws -> (own: Hello, peer: Hello) {
        var auth: HelloAuthentication?
        var nonces: (server: String, client: String)?
        if let admission {
            let serverNonce = try await receive("challenge") { if case .challenge(let challenge) = $0 { challenge.nonce } else { nil } }
            if let authenticator = admission.authenticator {
                let clientNonce = Authenticator.makeNonce()
                nonces = (serverNonce, clientNonce)
                auth = HelloAuthentication(
                    nonce: clientNonce, proof: authenticator.clientProof(serverNonce: serverNonce, clientNonce: clientNonce))
            }
        }
        let own = try await ownHello(auth: auth)
        try await send(.hello(own))
        try await transport.flush()
        let peer = try await receiveHello()
        try await check(peer)
        version = peer.version
        if let admission, !admission.peerVerified {
            guard let authenticator = admission.authenticator, let nonces,
                authenticator.isValid(
                    peer.auth?.proof, expected: authenticator.serverProof(serverNonce: nonces.server, clientNonce: nonces.client))
            else {
                throw try await fail(ProtocolError(.unauthorized, "the server did not prove the shared secret", line: linesReceived))
            }
            try admission.paired(peer)
        }
        return (own, peer)
    }

    private func introduceAsResponder() async throws -> (own: Hello, peer: Hello) {
        // The store could not say whether it admits the peer: said instead of the challenge.
        if let unavailable = admission?.unavailable { throw try await fail(unavailable) }
        let serverNonce = admission.map { _ in Authenticator.makeNonce() }
        if let serverNonce {
            try await send(.challenge(Challenge(nonce: serverNonce)))
            try await transport.flush()
        }
        let peer = try await receiveHello()
        var auth: HelloAuthentication?
        if let admission, let serverNonce {
            if let authenticator = admission.authenticator, let clientNonce = peer.auth?.nonce {
                let expected = authenticator.clientProof(serverNonce: serverNonce, clientNonce: clientNonce)
                guard authenticator.isValid(peer.auth?.proof, expected: expected) else {
                    throw try await fail(ProtocolError(.unauthorized, Self.wrongProof, line: linesReceived))
                }
                auth = HelloAuthentication(
                    nonce: nil, proof: authenticator.serverProof(serverNonce: serverNonce, clientNonce: clientNonce))
                if !admission.peerVerified { try admission.paired(peer) }
            } else if !admission.peerVerified {
                throw try await fail(ProtocolError(.unauthorized, admission.refusal, line: linesReceived))
            }
        }
        try await check(peer)
        // An initiator of an older version is answered in its own.
        version = peer.version
        let own = try await ownHello(auth: auth)
        try await send(.hello(own))
        try await transport.flush()
        return (own, peer)
    }

    /// A proof that does not match: another token, or, over TLS, a connection someone
    /// relays with certificates of their own (the proofs bind the fingerprints each side saw).
    static let wrongProof = "wrong token proof (another token, or someone relaying the connection)"

    func receiveHello() async throws -> Hello {
        try await receive("hello") { if case .hello(let hello) = $0 { hello } else { nil } }
    }

    private func ownHello(auth: HelloAuthentication?) async throws -> Hello {
        Hello(
            replica: store.id, name: try await store.name(), knowledge: try await store.knowledge(), auth: auth,
            version: version)
    }

    func check(_ peer: Hello) async throws {
        let versions = ProtocolConstants.oldestVersion...ProtocolConstants.version
        guard peer.protocol == ProtocolConstants.name, versions.contains(peer.version) else {
            throw try await fail(ProtocolError(
                .unsupportedVersion,
                "this replica speaks \(ProtocolConstants.name) versions \(versions.lowerBound) to \(versions.upperBound), not \(peer.protocol) version \(peer.version)",
                line: linesReceived))
        }
        guard peer.replica != store.id else {
            throw try await fail(ProtocolError(.sameReplica, "both sides are replica \(store.id)", line: linesReceived))
        }
    }
}

import MarginaliaCore
import MarginaliaIdentity
import MarginaliaSync
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import X509

/// Checks the certificate a TLS peer presents by its fingerprint alone, and remembers
/// what it saw: the session needs the fingerprint (to bind token proofs to it, and to
/// trust the peer once paired), and a refusal needs its own words, which TLS's
/// `certificate unknown` alert does not carry.
final class PeerCertificateCheck: Sendable {
    /// What a fingerprint earns: a session, a session that must pair with the token
    /// first, a refusal saying why, or, when the store cannot tell (a hub whose database
    /// is down), a handshake that completes only so that the client reads `unavailable`
    /// (TLS alerts carry no reason) and knows to try again later.
    enum Verdict: Sendable, Equatable {
        case verified
        case mustPair
        case refused(String)
        case unavailable(ProtocolError)
    }

    /// Asynchronous, since a hub reads its trusted peers from PostgreSQL: the handshake
    /// waits for the answer (NIOSSL's verification callback completes a promise).
    private let decide: @Sendable (Fingerprint) async -> Verdict
    private let outcome = NIOLockedValueBox<(fingerprint: Fingerprint?, verdict: Verdict)?>(nil)

    init(decide: @escaping @Sendable (Fingerprint) async -> Verdict) {
        self.decide = decide
    }

    /// The fingerprint the peer presented, once the handshake has seen it.
    var fingerprint: Fingerprint? { outcome.withLockedValue { $0?.fingerprint } }

    /// The verdict on the peer's certificate, once the handshake has seen it.
    var verdict: Verdict? { outcome.withLockedValue { $0?.verdict } }

    /// NIOSSL's custom verification callback: the peer's chain, leaf first.
    func verify(_ certificates: [NIOSSLCertificate], _ promise: EventLoopPromise<NIOSSLVerificationResult>) {
        let seen = certificates.first.flatMap { try? Self.fingerprint(of: $0) }
        Task { [decide, outcome] in
            let verdict = if let seen { await decide(seen) } else { Verdict.refused("the peer presented no usable certificate") }
            outcome.withLockedValue { $0 = (seen, verdict) }
            if case .refused = verdict { promise.succeed(.failed) } else { promise.succeed(.certificateVerified) }
        }
    }

    private static func fingerprint(of certificate: NIOSSLCertificate) throws -> Fingerprint {
        try ReplicaIdentity.fingerprint(of: Certificate(derEncoded: certificate.toDERBytes()))
    }
}

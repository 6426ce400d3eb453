import MarginaliaIdentity
import NIOSSL

/// TLS 1.3 contexts presenting a replica's own certificate, for both ends of a sync.
///
/// Both sides ask for the other's certificate (mutual TLS) and check it only by its
/// fingerprint, in `PeerCertificateCheck`: there is no certificate authority, and no
/// host name is checked, since a replica is named by its key, not by where it runs.
enum TLSContexts {
    static func server(_ identity: ReplicaIdentity) throws -> NIOSSLContext {
        let (certificate, key) = try material(identity)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(certificate)], privateKey: .privateKey(key))
        return try NIOSSLContext(configuration: restricted(configuration: &configuration))
    }

    static func client(_ identity: ReplicaIdentity) throws -> NIOSSLContext {
        let (certificate, key) = try material(identity)
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateChain = [.certificate(certificate)]
        configuration.privateKey = .privateKey(key)
        return try NIOSSLContext(configuration: restricted(configuration: &configuration))
    }

    /// TLS 1.3 only, and a peer certificate required (`noHostnameVerification` makes
    /// BoringSSL ask for it and fail without one; the custom callback then replaces
    /// the chain check with the fingerprint check).
    private static func restricted(configuration: inout TLSConfiguration) -> TLSConfiguration {
        configuration.minimumTLSVersion = .tlsv13
        configuration.certificateVerification = .noHostnameVerification
        return configuration
    }

    private static func material(_ identity: ReplicaIdentity) throws -> (NIOSSLCertificate, NIOSSLPrivateKey) {
        (try NIOSSLCertificate(bytes: try identity.certificateDER, format: .der),
         try NIOSSLPrivateKey(bytes: Array(identity.privateKeyDER), format: .der))
    }
}

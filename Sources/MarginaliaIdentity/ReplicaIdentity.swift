import Crypto
import Foundation
import MarginaliaCore
import SwiftASN1
import X509

/// A replica's key pair and self-signed certificate: what it will present to peers in
/// TLS sync, where each side accepts only the fingerprints it trusts (no certificate
/// authority, as in Syncthing). The key is P-256 ECDSA, which every TLS 1.3 stack,
/// swift-nio-ssl's included, accepts for client and server certificates.
///
/// The private key never leaves the replica file: `description`, `debugDescription` and
/// reflection show the fingerprint only, so printing an identity by mistake leaks nothing.
public struct ReplicaIdentity: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The self-signed certificate, as peers will see it.
    public let certificate: Certificate
    /// What names this identity: the SHA-256 of the certificate's public key info.
    public let fingerprint: Fingerprint
    /// The private key as stored: PKCS #8, DER. Only for the replica file and the TLS
    /// configuration; never for output.
    public let privateKeyDER: Data

    /// The end of validity RFC 5280 (4.1.2.5) gives a certificate with no expiry: trust
    /// is the pinned fingerprint, which `identity rotate` replaces, not a date.
    private static let noExpiry = Date(timeIntervalSince1970: 253_402_300_799)

    /// A new key pair and a certificate for `replica`, made at `time`.
    public static func generate(for replica: ReplicaID, at time: Date) throws -> ReplicaIdentity {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("Marginalia replica \(replica)") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
            // A day early: a peer whose clock is behind must not find it not yet valid.
            notValidBefore: time.addingTimeInterval(-86_400), notValidAfter: noExpiry,
            issuer: name, subject: name,
            // No key usage extension: with one lacking keyCertSign, OpenSSL and BoringSSL
            // do not count a certificate as self-signed, and one trusted directly would fail.
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        return try ReplicaIdentity(certificate: certificate, privateKey: key)
    }

    /// An identity as stored: a PKCS #8 private key and a certificate, both DER; refused
    /// when either does not parse or the certificate is not for that key.
    public init(privateKeyDER: some DataProtocol, certificateDER: some DataProtocol) throws {
        let key: P256.Signing.PrivateKey
        let certificate: Certificate
        do {
            key = try P256.Signing.PrivateKey(derRepresentation: privateKeyDER)
            certificate = try Certificate(derEncoded: Array(certificateDER))
        } catch {
            throw IdentityError.unreadable("\(error)")
        }
        try self.init(certificate: certificate, privateKey: key)
    }

    private init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) throws {
        guard certificate.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw IdentityError.keyMismatch
        }
        self.certificate = certificate
        self.privateKeyDER = privateKey.derRepresentation
        self.fingerprint = try Self.fingerprint(of: certificate)
    }

    /// The fingerprint of any certificate (a peer's, when TLS presents it).
    public static func fingerprint(of certificate: Certificate) throws -> Fingerprint {
        Fingerprint(bytes: Array(SHA256.hash(data: try der(certificate.publicKey))))!
    }

    /// The certificate, DER.
    public var certificateDER: [UInt8] {
        get throws { try Self.der(certificate) }
    }

    private static func der(_ element: some DERSerializable) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(element)
        return serializer.serializedBytes
    }

    public var description: String { "replica identity \(fingerprint)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["fingerprint": fingerprint]) }
}

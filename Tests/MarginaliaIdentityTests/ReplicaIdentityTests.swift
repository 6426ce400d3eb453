import Crypto
import Foundation
import MarginaliaCore
import MarginaliaIdentity
import MarginaliaCoreTestSupport
import SwiftASN1
import Testing
import X509

@Suite("ReplicaIdentity")
struct ReplicaIdentityTests {
    static let replica = ReplicaID("0123456789abcdef")!
    static let created = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func makesASelfSignedCertificateForItsKey() throws {
        let identity = try ReplicaIdentity.generate(for: Self.replica, at: Self.created)
        let certificate = try Certificate(derEncoded: try identity.certificateDER)
        #expect(certificate == identity.certificate)
        #expect(certificate.issuer == certificate.subject)
        #expect(certificate.subject.description.contains("Marginalia replica 0123456789abcdef"))
        #expect(certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
        #expect(certificate.signatureAlgorithm == .ecdsaWithSHA256)
        let key = try P256.Signing.PrivateKey(derRepresentation: identity.privateKeyDER)
        #expect(certificate.publicKey == Certificate.PublicKey(key.publicKey))
        #expect(try certificate.extensions.basicConstraints == .notCertificateAuthority)
        #expect(try certificate.extensions.extendedKeyUsage.map(Array.init) == [.serverAuth, .clientAuth])
        #expect(certificate.notValidBefore < Self.created && certificate.notValidAfter > Self.created.addingTimeInterval(1e10))
    }

    @Test func itsFingerprintIsTheSHA256OfThePublicKeyInfo() throws {
        let identity = try ReplicaIdentity.generate(for: Self.replica, at: Self.created)
        var serializer = DER.Serializer()
        try serializer.serialize(identity.certificate.publicKey)
        let publicKeyInfo = serializer.serializedBytes
        #expect(identity.fingerprint.bytes == Array(SHA256.hash(data: publicKeyInfo)))
        #expect(try ReplicaIdentity.fingerprint(of: identity.certificate) == identity.fingerprint)
        #expect(try ReplicaIdentity.generate(for: Self.replica, at: Self.created).fingerprint != identity.fingerprint)
    }

    /// OpenSSL, which knows nothing of this code, agrees: the certificate verifies as
    /// its own trust anchor (self-signed, in its validity period), and the SHA-256 of the
    /// public key info it extracts is the fingerprint.
    @Test func openSSLAgrees() throws {
        let identity = try ReplicaIdentity.generate(for: Self.replica, at: Date())
        let directory = try TemporaryDirectory()
        let certificate = directory.file("replica.der")
        try Data(try identity.certificateDER).write(to: URL(fileURLWithPath: certificate))
        let pem = directory.file("replica.pem")
        _ = try Self.openssl(["x509", "-inform", "der", "-in", certificate, "-out", pem])
        #expect(try Self.openssl(["verify", "-CAfile", pem, pem]) == Data("\(pem): OK\n".utf8))
        let publicKey = directory.file("key.der")
        _ = try Self.openssl(["x509", "-in", pem, "-noout", "-pubkey", "-out", directory.file("key.pem")])
        _ = try Self.openssl(["pkey", "-pubin", "-in", directory.file("key.pem"), "-outform", "der", "-out", publicKey])
        let digest = SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: publicKey)))
        #expect(Array(digest) == identity.fingerprint.bytes)
    }

    @Test func reloadsFromWhatIsStored() throws {
        let identity = try ReplicaIdentity.generate(for: Self.replica, at: Self.created)
        let reloaded = try ReplicaIdentity(privateKeyDER: identity.privateKeyDER, certificateDER: try identity.certificateDER)
        #expect(reloaded.fingerprint == identity.fingerprint)
        #expect(reloaded.certificate == identity.certificate)
        #expect(reloaded.privateKeyDER == identity.privateKeyDER)
    }

    @Test func refusesACertificateForAnotherKey() throws {
        let identity = try ReplicaIdentity.generate(for: Self.replica, at: Self.created)
        let other = try ReplicaIdentity.generate(for: Self.replica, at: Self.created)
        #expect(throws: IdentityError.keyMismatch) {
            try ReplicaIdentity(privateKeyDER: other.privateKeyDER, certificateDER: try identity.certificateDER)
        }
        #expect(throws: IdentityError.self) {
            try ReplicaIdentity(privateKeyDER: identity.privateKeyDER, certificateDER: [0x30, 0x03, 0x02, 0x01, 0x01])
        }
    }

    /// Printed, dumped or interpolated by mistake, an identity shows its fingerprint only.
    @Test func neverShowsItsPrivateKey() throws {
        let identity = try ReplicaIdentity.generate(for: Self.replica, at: Self.created)
        let key = try P256.Signing.PrivateKey(derRepresentation: identity.privateKeyDER)
        var dumped = ""
        dump(identity, to: &dumped)
        for text in [identity.description, String(reflecting: identity), "\(identity)", dumped] {
            #expect(text.contains(identity.fingerprint.description), "\(text)")
            for secret in [identity.privateKeyDER.base64EncodedString(), key.pemRepresentation, key.rawRepresentation.hex] {
                #expect(!text.contains(secret))
            }
            #expect(!text.contains(String(key.rawRepresentation.hex.prefix(16))))
        }
    }

    /// Runs `openssl` and returns its standard output; fails on a non-zero exit.
    private static func openssl(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " "))")
        return data
    }
}

extension Data {
    fileprivate var hex: String { map { String(format: "%02x", $0) }.joined() }
}

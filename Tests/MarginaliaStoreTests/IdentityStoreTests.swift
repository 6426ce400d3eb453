import Foundation
import GRDB
import MarginaliaCore
import MarginaliaIdentity
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing
import X509

/// A replica's identity and the peers it trusts, in its local tables.
@Suite struct IdentityStoreTests {
    @Test func aNewReplicaHasAnIdentityWhoseCertificateIsForItsStoredKey() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.open(at: directory.file("r.db"), clock: SteppingClock(start: 1_796_000_000_000))
        let identity = try replica.identity()
        let (key, certificate) = try Replica.connect(path: replica.path).read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT private_key, certificate FROM identity"))
            return (row["private_key"] as Data, row["certificate"] as Data)
        }
        #expect(key == identity.privateKeyDER)
        let parsed = try Certificate(derEncoded: Array(certificate))
        #expect(parsed.subject.description.contains(replica.id.rawValue))
        #expect(parsed.publicKey.isValidSignature(parsed.signature, for: parsed))
        #expect(try ReplicaIdentity.fingerprint(of: parsed) == identity.fingerprint)
        #expect(try replica.identityInfo() == IdentityInfo(fingerprint: identity.fingerprint, created: 1_796_000_000_000))
        #expect(try replica.status().identity.fingerprint == identity.fingerprint)
    }

    @Test func rotatingMakesANewIdentityThatStays() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("r.db")
        let replica = try Replica.open(at: path)
        let before = try replica.identityInfo()
        #expect(try Replica.open(at: path).identityInfo() == before)
        let rotated = try replica.rotateIdentity()
        #expect(rotated.fingerprint != before.fingerprint)
        #expect(try Replica.open(at: path).identityInfo() == rotated)
        #expect(try replica.identity().fingerprint == rotated.fingerprint)
    }

    @Test func trustsPeersByFingerprintAndName() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.open(at: directory.file("r.db"), clock: SteppingClock(start: 1_796_000_000_000))
        let office = try Self.fingerprint(1)
        let phone = try Self.fingerprint(2)
        try replica.trust(office, name: "Máy văn phòng")
        try replica.trust(phone, name: nil)
        // Named ones first; the clock read once at creation, then once per `trust`.
        #expect(try replica.trustedPeers() == [
            TrustedPeer(fingerprint: office, name: "Máy văn phòng", added: 1_796_000_001_000),
            TrustedPeer(fingerprint: phone, name: nil, added: 1_796_000_002_000),
        ])

        // Trusted again: renamed, or (without a name) left as it was.
        try replica.trust(phone, name: "phone")
        try replica.trust(office, name: nil)
        #expect(try replica.trustedPeers().map(\.name) == ["Máy văn phòng", "phone"])
        #expect(throws: ReplicaError.trustedNameTaken("phone", by: phone)) { try replica.trust(office, name: "phone") }
        #expect(throws: ReplicaError.invalidName("")) { try replica.trust(office, name: "") }

        #expect(try replica.distrust("phone").fingerprint == phone)
        #expect(try replica.distrust(office.description.lowercased()).name == "Máy văn phòng")
        #expect(try replica.trustedPeers().isEmpty)
        #expect(throws: ReplicaError.notTrusted(office.description, notAFingerprint: nil)) {
            try replica.distrust(office.description)
        }
        #expect(throws: ReplicaError.notTrusted("laptop", notAFingerprint: Fingerprint.ParseError.length(6).description)) {
            try replica.distrust("laptop")
        }
    }

    /// A fingerprint made of `byte` repeated.
    private static func fingerprint(_ byte: UInt8) throws -> Fingerprint {
        try #require(Fingerprint(bytes: [UInt8](repeating: byte, count: 32)))
    }
}

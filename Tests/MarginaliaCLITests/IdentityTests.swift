import Foundation
import MarginaliaStore
import Testing

/// Every replica's identity (a key pair and a self-signed certificate, named by its
/// fingerprint) and the peers it trusts: the foundation of TLS sync, local to each file.
@Suite("identity and trust")
struct IdentityTests {
    @Test func aNewReplicaHasAnIdentityThatStaysAndStatusShowsIt() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let fingerprint = try Self.fingerprint(of: laptop)
        #expect(try Self.fingerprint(of: laptop) == fingerprint)
        #expect(try laptop.ok("identity", "show").lines == [fingerprint])
        let json = try laptop.json(IdentityDoc.self, "identity", "--json")
        #expect(json.fingerprint == fingerprint && json.replaces == nil)
        #expect(try laptop.status().identity.fingerprint == fingerprint)
        #expect(try laptop.ok("status").lines.contains("identity    \(fingerprint)"))
        #expect(try Self.fingerprint(of: lab.replica("office")) != fingerprint)
    }

    @Test func rotatingMakesANewIdentityAndSaysPeersMustTrustItAgain() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let old = try Self.fingerprint(of: laptop)
        let result = try laptop.ok("identity", "rotate")
        let new = try Self.fingerprint(of: laptop)
        #expect(new != old)
        #expect(result.lines == [
            "new identity \(new) (was \(old))",
            "Peers that trusted the old one no longer accept this replica: on each, 'marginalia trust add \(new)'.",
        ])
        #expect(try Self.fingerprint(of: laptop) == new)
        let json = try laptop.json(IdentityDoc.self, "identity", "rotate", "--json")
        #expect(json.replaces == new && json.fingerprint != new)
        #expect(try Self.fingerprint(of: laptop) == json.fingerprint)
    }

    /// The private key is in the file (readable by its owner only) and in no output.
    @Test func keyMaterialIsInNoOutput() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        try laptop.ok("trust", "add", try Self.fingerprint(of: lab.replica("office")), "--name", "office")
        let attributes = try FileManager.default.attributesOfItem(atPath: laptop.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        var outputs: [String] = []
        for command in [
            ["identity"], ["identity", "--json"], ["status"], ["status", "--json"], ["trust", "ls"], ["trust", "ls", "--json"],
            ["identity", "rotate"], ["identity", "rotate", "--json"], ["log", "--json"], ["peers", "--json"], ["verify", "--json"],
        ] {
            let result = try laptop.ok(command)
            outputs.append(result.stdout + result.stderr)
            let keys = try Self.privateKeys(of: laptop)
            let output = outputs.joined(separator: "\n").lowercased()
            for key in keys {
                // The whole key in hex and base64, and the 32 bytes of its secret scalar
                // (at the same offset in every P-256 PKCS #8 key) in hex.
                let secret = key.dropFirst(36).prefix(32)
                #expect(!output.contains(key.hex) && !output.contains(key.base64EncodedString().lowercased()), "\(command)")
                #expect(!output.contains(secret.hex.prefix(12)), "\(command)")
            }
        }
    }

    /// A replica of format 4 (before identities) gets one when it is first opened.
    @Test func anOlderReplicaGetsAnIdentityWhenFirstOpened() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let article = try laptop.newID("add", "Cầu Long Biên", "--body", "Xe qua cầu lúc sáu giờ.")
        let downgrade = try laptop.sqlite3("DROP TABLE identity; DROP TABLE trusted_peers; PRAGMA user_version = 4;")
        #expect(downgrade.status == 0, "\(downgrade)")

        let fingerprint = try Self.fingerprint(of: laptop)
        #expect(try laptop.sqlite3("PRAGMA user_version").output == "\(Replica.formatVersion)")
        #expect(try laptop.sqlite3("SELECT count(*) FROM identity").output == "1")
        #expect(try Self.fingerprint(of: laptop) == fingerprint)
        #expect(try laptop.ok("show", article).stdout.contains("Xe qua cầu"))
        try laptop.expectVerified()
    }

    @Test func trustAddListAndRemove() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try Self.fingerprint(of: lab.replica("office"))
        let phone = try Self.fingerprint(of: lab.replica("phone"))
        #expect(try laptop.ok("trust", "ls").stdout == "")
        // Pasted in lower case, as dictated in groups: the same fingerprint.
        try laptop.ok("trust", "add", office.lowercased().replacingOccurrences(of: "-", with: " "), "--name", "Máy văn phòng")
        try laptop.ok("trust", "add", phone)

        let listed = try laptop.jsonLines(TrustedPeerDoc.self, "trust", "ls", "--json")
        #expect(listed.map(\.fingerprint) == [office, phone])
        #expect(listed.map(\.name) == ["Máy văn phòng", nil])
        let lines = try laptop.ok("trust", "ls").lines
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("\(office)  Máy văn phòng  trusted "))
        #expect(lines[1].hasPrefix("\(phone)  (no name)  trusted "))

        try laptop.ok("trust", "add", phone, "--name", "phone")
        try expectRefused(laptop, ["trust", "add", office, "--name", "phone"], status: Exit.failure,
                          mentioning: "'phone' already names the trusted peer \(phone)")
        try laptop.ok("trust", "rm", "phone")
        try laptop.ok("trust", "rm", office.replacingOccurrences(of: "-", with: ""))
        #expect(try laptop.ok("trust", "ls").stdout == "")
        try expectRefused(laptop, ["trust", "rm", office], status: Exit.failure,
                          mentioning: "no trusted peer has fingerprint \(office) (see 'marginalia trust ls')")
    }

    /// A bad fingerprint: one line saying what is wrong, exit 65, nothing written.
    @Test func badFingerprintsAreRefused() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try Self.fingerprint(of: lab.replica("office"))
        var typo = Array(office)
        typo[3] = typo[3] == "A" ? "B" : "A"
        let cases: [(String, String)] = [
            (String(typo), "a character in groups 1 to 2 is mistyped (their check character does not match)"),
            (String(office.dropLast(9)), "a fingerprint has 56 letters and digits (dashes and spaces aside), not 48"),
            (office.replacingOccurrences(of: "-", with: "_"), "a fingerprint holds only the letters A to Z and digits 2 to 7, not '_'"),
            ("", "a fingerprint has 56 letters and digits (dashes and spaces aside), not 0"),
        ]
        for (text, reason) in cases {
            try expectRefused(laptop, ["trust", "add", text, "--name", "office"], status: Exit.dataError,
                              mentioning: "marginalia: '\(text)' is not a fingerprint: \(reason)")
        }
        try expectRefused(laptop, ["trust", "rm", "office"], status: Exit.dataError,
                          mentioning: "'office' names no trusted peer and is not a fingerprint: "
                              + "a fingerprint has 56 letters and digits (dashes and spaces aside), not 6")
        try expectRefused(laptop, ["trust", "add", office, "--name", " "], status: Exit.dataError,
                          mentioning: "' ' is not a usable replica name")
    }

    /// Sync carries changes only: neither side's key, certificate or trusted peers
    /// reach the other, over a file, the protocol between two processes, or bundles.
    @Test(arguments: [Transport.file, .exec, .bundle])
    func syncNeverTransfersIdentitiesOrTrust(transport: Transport) throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        let phone = try Self.fingerprint(of: lab.replica("phone"))
        try laptop.ok("trust", "add", phone, "--name", "phone")
        _ = try laptop.newID("add", "Hà Nội ngập sâu", "--body", "Mưa lớn kéo dài.")
        _ = try office.newID("add", "Tin sáng", "--body", "Nước rút chậm.")
        let before = try [laptop, office].map { try Self.localTables(of: $0) }

        if transport == .bundle {
            for (from, to) in [(laptop, office), (office, laptop)] {
                let bundle = lab.path("\(from.name).bundle")
                _ = try from.createBundle(bundle)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: bundle))
                for key in try Self.privateKeys(of: from) {
                    #expect(bytes.range(of: key) == nil && bytes.range(of: Data(key.base64EncodedString().utf8)) == nil)
                }
                #expect(!String(decoding: bytes, as: UTF8.self).contains(phone))
                _ = try to.apply(bundle)
            }
        } else {
            _ = try laptop.sync(office.target(transport))
        }
        #expect(try laptop.digest() == office.digest())
        #expect(try [laptop, office].map { try Self.localTables(of: $0) } == before)
        #expect(try office.sqlite3("SELECT count(*) FROM trusted_peers").output == "0")
        #expect(before[0] != before[1])
    }

    /// The identity is the file's: a copy (as on another machine) is the same replica
    /// with the same identity and trusted peers.
    @Test func aCopiedReplicaKeepsItsIdentity() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try Self.fingerprint(of: lab.replica("office"))
        try laptop.ok("trust", "add", office, "--name", "office")
        let copy = lab.path("copy.db")
        _ = try laptop.fileBytes()  // folds the write-ahead log into the file
        try FileManager.default.copyItem(atPath: laptop.path, toPath: copy)
        let copied = try lab.sandbox.run(["--db", copy, "identity"])
        #expect(copied.lines == [try Self.fingerprint(of: laptop)], "\(copied)")
        #expect(try lab.sandbox.run(["--db", copy, "trust", "ls"]).stdout == laptop.ok("trust", "ls").stdout)
    }

    /// The fingerprint `identity` prints: one line, 7 groups of 8 base32 characters.
    static func fingerprint(of node: ReplicaNode, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let lines = try node.ok(["identity"], sourceLocation: sourceLocation).lines
        try #require(lines.count == 1 && lines[0].wholeMatch(of: /[A-Z2-7]{8}(-[A-Z2-7]{8}){6}/) != nil, "\(lines)", sourceLocation: sourceLocation)
        return lines[0]
    }

    /// The private keys in the replica file (one; a list so a second would show).
    static func privateKeys(of node: ReplicaNode) throws -> [Data] {
        try node.sqlite3("SELECT hex(private_key) FROM identity").output.split(separator: "\n").map { Data(hex: $0) }
    }

    /// Everything in the local tables, as text.
    static func localTables(of node: ReplicaNode) throws -> String {
        try node.sqlite3("""
            SELECT hex(private_key), hex(certificate), created_ms FROM identity;
            SELECT hex(fingerprint), name FROM trusted_peers;
            """).output
    }
}

struct IdentityDoc: Decodable {
    var fingerprint: String
    var created: String
    var replaces: String?
}

struct TrustedPeerDoc: Decodable {
    var fingerprint: String
    var name: String?
    var added: String
}

extension Data {
    /// Bytes from hex digits (as `sqlite3` prints a blob with `hex()`).
    init(hex: some StringProtocol) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }

    fileprivate var hex: String { map { String(format: "%02x", $0) }.joined() }
}

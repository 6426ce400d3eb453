import Foundation
import Testing

/// A change altered on the wire, in a way that still parses, must never end a sync as a
/// success: the two logs would then differ forever under the same dots.
@Suite struct SyncDivergenceTests {
    /// office holds an article (change 1) and a note on it, "đo lúc 6h" (change 2).
    static func officeWithANoteAndAnEmptyLaptop(in lab: SyncLab) throws -> (office: ReplicaNode, laptop: ReplicaNode) {
        let office = try lab.replica("office")
        let laptop = try lab.replica("laptop")
        let article = try office.newID("add", "Hà Nội: Mưa lớn kéo dài", "--body", "Mưa lớn khiến mực nước sông Hồng dâng cao.")
        try office.newID("annotate", article, "--quote", "mực nước", "--note", "đo lúc 6h")
        return (office, laptop)
    }

    /// A relay flips one bit of a note in the server's stream (`6h` becomes `6i`). Before
    /// log digests the sync succeeded and the altered note stayed; now it ends
    /// `diverged` on both sides, what was stored stays valid, `status` and `peers` show
    /// it, and `sync --find-divergence` names the altered change.
    @Test func aBitFlippedInANoteEndsTheSyncDiverged() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (office, laptop) = try Self.officeWithANoteAndAnEmptyLaptop(in: lab)
        try office.newID("add", "Ghi chú họp sáng thứ Hai", "--body", "Ba việc cần làm trước thứ Sáu.")
        let token = try lab.tokenFile()
        // Plaintext (`--insecure`): over TLS the relay could neither read nor alter a note
        // (TLSSyncTests); this is about what a peer's digest catches, whatever the wire.
        let server = try ServerProcess(office, tokenFile: token, extra: ["--insecure"])
        let relay = try TamperingRelay(to: server.port, flipping: "đo lúc 6h")

        let synced = try laptop.run("sync", "tcp://127.0.0.1:\(relay.port)", "--token-file", token, "--insecure")
        #expect(relay.finish(), "the relay found no note to alter")
        #expect(synced.status == 65, "\(synced)")
        #expect(synced.errorLines.count == 1 && synced.stderr.contains("diverged: office (\(office.id))"), "\(synced)")

        // Every change was stored (the altered one too: only the digests tell), and valid.
        #expect(try laptop.status().changes == 3)
        try laptop.expectVerified()
        let laptopStatus = try laptop.ok("status").lines
        #expect(laptopStatus.contains { $0.hasPrefix("diverged    office (") && $0.contains("sync --find-divergence") }, "\(laptopStatus)")
        #expect(try laptop.ok("peers").lines.contains { $0.hasPrefix("diverged: office (") })

        // A later sync sends nothing, and still ends diverged; the server, to which the
        // laptop's half now carries the altered note in its digest, finds it too.
        let again = try laptop.run("sync", server.target, "--token-file", token, "--insecure")
        #expect(again.status == 65 && again.errorLines.count == 1 && again.stderr.contains("diverged"), "\(again)")
        let officeStatus = try office.ok("status").lines
        #expect(officeStatus.contains { $0.hasPrefix("diverged    laptop (") }, "\(officeStatus)")

        let found = try laptop.run("sync", server.target, "--token-file", token, "--insecure", "--find-divergence")
        #expect(found.status == 65, "\(found)")
        #expect(found.errorLines.count == 1, "\(found)")
        #expect(found.stderr.contains("changes that differ: \(office.id):2 (here "), "\(found)")
        #expect(!found.stderr.contains("\(office.id):1 ") && !found.stderr.contains("\(office.id):3 "), "\(found)")
        _ = try server.stop()
    }

    /// The client is the one to find a server's answer altered (here on its way through
    /// `sed`, as in the README): its `error` tells the server, which records the
    /// divergence in the same session, not at the next one.
    @Test func theServerRecordsADivergenceTheClientFoundOverPipes() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (office, laptop) = try Self.officeWithANoteAndAnEmptyLaptop(in: lab)
        let altered = "exec:\(shellQuote(SyncLab.binary)) --db \(shellQuote(office.path)) serve --stdio | sed -u 's/lúc 6h/lúc 6i/'"
        let synced = try laptop.run("sync", altered)
        #expect(synced.status == 65 && synced.stderr.contains("diverged: office (\(office.id))"), "\(synced)")
        #expect(try laptop.status().diverged.map(\.replica) == [office.id])
        #expect(try office.status().diverged.map(\.replica) == [laptop.id])
        #expect(try office.ok("peers").lines.contains { $0.hasPrefix("diverged: laptop (\(laptop.id))") })
    }

    /// The same over TLS, from a faulty server: the note it sends is not the one its
    /// digest counts (its stored change altered under it).
    @Test func theServerRecordsADivergenceTheClientFoundOverTLS() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (office, laptop) = try Self.officeWithANoteAndAnEmptyLaptop(in: lab)
        let tampered = try office.sqlite3("UPDATE changes SET payload = replace(payload, 'lúc 6h', 'lúc 6i')")
        #expect(tampered.status == 0, "\(tampered)")
        try office.ok("trust", "add", try IdentityTests.fingerprint(of: laptop), "--name", "laptop")
        let server = try ServerProcess(office, tokenFile: nil)
        let synced = try laptop.run("sync", server.target, "--fingerprint", try IdentityTests.fingerprint(of: office))
        #expect(synced.status == 65 && synced.stderr.contains("diverged: office (\(office.id))"), "\(synced)")
        // The server logs how each session ended: once this one's line is there, it has ended.
        try waitUntil("the server to log the end of the session") {
            server.errorLines().contains { $0.contains("synced with laptop") || $0.contains("diverged: laptop") }
        }
        #expect(server.errorLines().contains { $0.contains(": diverged: laptop (\(laptop.id))") }, "\(server.errorLines())")
        #expect(try office.status().diverged.map(\.replica) == [laptop.id])
        #expect(try office.ok("peers").lines.contains { $0.hasPrefix("diverged: laptop (\(laptop.id))") })
        _ = try server.stop()
    }

    /// A bundle carries its creator's digest after `done`: a bundle altered in a way that
    /// still parses is refused `diverged` once its changes are stored, and recorded.
    @Test func anAlteredBundleEndsDiverged() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (office, laptop) = try Self.officeWithANoteAndAnEmptyLaptop(in: lab)
        let bundle = lab.path("office.bundle")
        try office.createBundle(bundle)
        let text = try String(contentsOfFile: bundle, encoding: .utf8)
        #expect(RunResult.lines(of: text).last { !$0.isEmpty }?.hasPrefix(#"{"digest":""#) == true)
        try Data(text.replacingOccurrences(of: "lúc 6h", with: "lúc 6i").utf8).write(to: URL(fileURLWithPath: bundle))

        let applied = try laptop.run("bundle", "apply", bundle)
        #expect(applied.status == 65, "\(applied)")
        #expect(applied.errorLines.count == 1 && applied.stderr.contains("diverged: office (\(office.id))"), "\(applied)")
        #expect(try laptop.status().diverged.map(\.replica) == [office.id])
        try laptop.expectVerified()
    }
}

import Foundation
import Testing

/// Named peers: `peer add` stores a target that means the same replica from any folder,
/// and `peer rm` forgets one.
@Suite("named peers")
struct PeerTests {
    /// `peer add office ../office.db` in one folder, `sync office` in another: the stored
    /// target is the absolute path, so the second finds the replica the first meant.
    @Test func aRelativeFileTargetIsStoredAbsolute() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        try office.newID("add", "Tin sáng", "--body", "Mưa lớn ở Hà Nội.")

        // The lab's commands run in its work folder, beside which the replicas live.
        try laptop.ok("peer", "add", "office", "../office.db")
        let stored = try #require(try laptop.jsonLines(PeerDoc.self, "peers", "--json").first)
        #expect(stored.target == office.path)

        let elsewhere = lab.root.appendingPathComponent("elsewhere", isDirectory: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let synced = try MarginaliaProcess.run(
            ["--db", laptop.path, "sync", "office"], environment: lab.sandbox.environment(lab.environment),
            directory: elsewhere)
        #expect(synced.status == 0, "\(synced)")
        #expect(try laptop.digest() == office.digest())
    }

    @Test func peerRmForgetsThePeer() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        try laptop.ok("peer", "add", "office", office.path)
        try laptop.ok("peer", "add", "usb", "exec:true")
        try laptop.ok("peer", "rm", "office")
        #expect(try laptop.jsonLines(PeerDoc.self, "peers", "--json").map(\.name) == ["usb"])
        try expectRefused(laptop, ["peer", "rm", "office"], status: Exit.failure,
                          mentioning: "no peer is named 'office' (see 'marginalia peers')")
    }
}

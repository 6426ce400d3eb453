import Foundation
import Testing

/// Two and three replicas syncing through the real binary over every transport: another
/// file, `exec:`, `ssh://` (a fake ssh), `tcp://` against `serve --listen`, bundles, and
/// named peers. After each, the replicas have equal digests and `verify` is ok.
@Suite("sync over every transport")
struct SyncTransportTests {
    @Test(arguments: Transport.live)
    func twoReplicasConverge(over transport: Transport) throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        let article = try laptop.newID(
            "add", "Hà Nội ngập sâu", "--body", "Mưa lớn kéo dài khiến mực nước sông Hồng dâng cao.",
            "--source", "https://example.org/tin/mua-lon", "--tag", "flood")
        try laptop.newID("annotate", article, "--quote", "mực nước", "--note", "đo lúc 6h", "--tag", "đo")
        try office.newID("add", "Office notes", "--body", "one two three")

        let link = try Link(to: office, via: transport)
        let first = try laptop.sync(link)
        #expect(first.peer == office.id)
        #expect(first.peerName == "office")
        #expect(first.sent == 2)
        #expect(first.received == 1)
        #expect(first.duplicates == 0)
        #expect(first.newConflicts == 0)
        #expect(first.bytesSent > 0 && first.bytesReceived > 0)
        #expect(first.seconds >= 0)
        try expectConverged([laptop, office], "\(transport)")
        let dots = try laptop.dots()
        #expect(dots.count == 3)
        #expect(try office.dots() == dots)
        #expect(try laptop.status().knowledge == [laptop.id: 2, office.id: 1])
        #expect(try office.status().knowledge == [laptop.id: 2, office.id: 1])

        // The human summary, after an edit on the other side.
        try office.ok("tag", article, "+checked")
        let human = try laptop.ok(["sync", link.target] + link.extra)
        #expect(human.lines == ["synced with office (\(office.id)): sent 0, received 1, 0 new conflicts"])
        try expectConverged([laptop, office], "\(transport)")
        #expect(try laptop.json(ArticleDoc.self, "show", article, "--json").tags == ["checked", "flood"])

        // Nothing left to exchange: each side sends exactly its hello, `done` and the
        // digest of the log both hold.
        let status = try laptop.status()
        #expect(try office.status().logDigest == status.logDigest)
        let idle = try laptop.sync(link)
        #expect(idle.sent == 0 && idle.received == 0 && idle.duplicates == 0 && idle.newConflicts == 0)
        if transport != .tcp {
            let laptopHello = ProtocolLines.hello(replica: laptop.id, name: "laptop", knowledge: status.knowledge, version: 2)
            let officeHello = ProtocolLines.hello(replica: office.id, name: "office", knowledge: status.knowledge, version: 2)
            let ending = ProtocolLines.done(0).utf8.count + 1 + ProtocolLines.digest(status.logDigest).utf8.count + 1
            #expect(idle.bytesSent == laptopHello.utf8.count + 1 + ending)
            #expect(idle.bytesReceived == officeHello.utf8.count + 1 + ending)
        }

        if let server = try link.stop() {
            // The server logs each session from its side.
            let log = server.errorLines
            #expect(log.contains { $0.hasSuffix("synced with laptop (\(laptop.id)): sent 1, received 2, 0 new conflicts") },
                    "\(server)")
            #expect(log.contains { $0.hasSuffix("synced with laptop (\(laptop.id)): sent 1, received 0, 0 new conflicts") },
                    "\(server)")
        }
        if transport == .ssh { #expect(lab.sshHosts() == ["fakehost", "fakehost", "fakehost"]) }
    }

    @Test(arguments: Transport.live)
    func threeReplicasConvergeThroughAMiddleOne(over transport: Transport) throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let a = try lab.replica("alpha")
        let b = try lab.replica("bravo")
        let c = try lab.replica("charlie")
        let first = try a.newID("add", "From alpha", "--body", "alpha body text")
        try a.newID("annotate", first, "--range", "0-5", "--note", "alpha's note")
        try b.newID("add", "From bravo", "--body", "bravo body text")
        try c.newID("add", "From charlie", "--body", "charlie body text")
        let toB = try Link(to: b, via: transport)
        let toC = try Link(to: c, via: transport)
        let toA = try Link(to: a, via: transport)

        let ab = try a.sync(toB)
        #expect((ab.sent, ab.received) == (2, 1))
        // bravo relays alpha's changes to charlie.
        let bc = try b.sync(toC)
        #expect((bc.sent, bc.received) == (3, 1))
        #expect(bc.peer == c.id && bc.peerName == "charlie")
        // charlie has everything; alpha lacks only charlie's change.
        let ca = try c.sync(toA)
        #expect((ca.sent, ca.received) == (1, 0))
        try expectConverged([a, c], "\(transport)")
        // bravo already got charlie's change; alpha and bravo now agree too.
        let ab2 = try a.sync(toB)
        #expect((ab2.sent, ab2.received, ab2.duplicates) == (0, 0, 0))
        try expectConverged([a, b, c], "\(transport)")
        let dots = try a.dots()
        #expect(dots.count == 4)
        #expect(try b.dots() == dots && c.dots() == dots)
        for node in [a, b, c] {
            #expect(try node.status().knowledge == [a.id: 2, b.id: 1, c.id: 1])
        }
        for link in [toA, toB, toC] { try link.stop() }
    }

    /// A TCP server runs sessions for several clients at once on the one replica.
    @Test func aServerSyncsSeveralClientsAtOnce() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let hub = try lab.replica("hub")
        try hub.newID("add", "Hub article", "--body", "shared by all")
        let clients = try (1...4).map { try lab.replica("client\($0)") }
        for (index, client) in clients.enumerated() {
            for number in 0..<3 { try client.newID("add", "Client \(index) article \(number)", "--body", "text \(number)") }
        }
        let link = try Link(to: hub, via: .tcp)
        let running = try clients.map { try $0.start(["sync", link.target, "--json"] + link.extra) }
        for result in try running.map({ try $0.finish() }) {
            #expect(result.status == 0 && result.stderr == "", "\(result)")
            let summary = try JSONDecoder().decode(SyncSummaryDoc.self, from: Data(result.stdout.utf8))
            #expect(summary.sent == 3 && summary.peer == hub.id)
        }
        #expect(try hub.status().articles == 13)
        // A second round hands everyone everything.
        for client in clients { try client.sync(link) }
        // The server logs each session by the client's address and port, then its summary.
        let log = try #require(try link.stop()).errorLines
        let sessions = log.filter { $0.contains(": synced with client") }
        #expect(sessions.count == 8, "\(log)")
        #expect(sessions.allSatisfy { $0.hasPrefix("127.0.0.1:") }, "\(log)")
        try expectConverged([hub] + clients)
    }

    /// `ssh://HOST/~/PATH` names a path in the remote home (SyncTarget's documentation).
    @Test func sshTildePathIsInTheRemoteHome() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        try laptop.newID("add", "To the home replica", "--body", "text")
        // The "remote" replica lives in $HOME, where the fake ssh runs the command as ssh would.
        let remote = try lab.replica("remote", file: "home/notes.db")
        #expect(remote.path == lab.sandbox.home.appendingPathComponent("notes.db").path)

        let result = try laptop.run("sync", "ssh://fakehost/~/notes.db", "--json")
        #expect(result.status == 0, "ssh://host/~/notes.db must reach $HOME/notes.db: \(result)")
        #expect(result.stderr == "", "\(result)")
        try expectConverged([laptop, remote])
    }

    /// Paths with spaces and quotes survive every shell between the two replicas.
    @Test(arguments: [Transport.file, .exec, .ssh])
    func pathsWithSpacesAndQuotes(over transport: Transport) throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        try FileManager.default.createDirectory(
            at: lab.root.appendingPathComponent("dir with space"), withIntermediateDirectories: true)
        let odd = try lab.replica("odd", file: "dir with space/it's $HOME \"q\".db")
        let plain = try lab.replica("plain")
        try odd.newID("add", "Odd place", "--body", "text")
        let summary = try plain.sync(Link(to: odd, via: transport))
        #expect(summary.received == 1 && summary.peer == odd.id)
        try expectConverged([plain, odd])
    }

    // MARK: Bundles

    @Test func bundlesCarryChangesAndApplyIdempotently() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        let first = try laptop.newID("add", "First", "--body", "the first article", "--tag", "a")
        try laptop.newID("annotate", first, "--quote", "first", "--note", "n")
        let older = lab.path("older.bundle")

        let human = try laptop.ok("bundle", "create", older)
        #expect(human.lines == ["wrote 2 changes to \(older)"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: older)).count > 0)
        let created = try laptop.createBundle(older)
        #expect(created.sent == 2 && created.received == 0 && created.bytesSent > 0)
        #expect(created.bytesSent == (try Data(contentsOf: URL(fileURLWithPath: older)).count))
        let permissions = try FileManager.default.attributesOfItem(atPath: older)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600)

        let applied = try office.ok("bundle", "apply", older)
        #expect(applied.lines == ["applied a bundle from laptop (\(laptop.id)): received 2, 0 already here, 0 new conflicts"])
        try expectConverged([laptop, office])

        // Twice: only duplicates.
        let again = try office.apply(older)
        #expect(again.peer == laptop.id && again.peerName == "laptop")
        #expect((again.sent, again.received, again.duplicates, again.newConflicts) == (0, 0, 2, 0))

        // A newer bundle, then the older one again.
        try laptop.ok("edit", first, "--title", "First, edited")
        try laptop.newID("add", "Second", "--body", "the second article")
        let newer = lab.path("newer.bundle")
        #expect(try laptop.createBundle(newer).sent == 4)
        let fresh = try office.apply(newer)
        #expect((fresh.received, fresh.duplicates) == (2, 2))
        let digest = try office.digest()
        let stale = try office.apply(older)
        #expect((stale.received, stale.duplicates, stale.newConflicts) == (0, 2, 0))
        #expect(try office.digest() == digest)
        try expectConverged([laptop, office])

        // The way back: office writes what laptop lacks, by laptop's id (remembered from the bundles).
        try office.newID("add", "From office", "--body", "reply")
        let reply = lab.path("reply.bundle")
        #expect(try office.createBundle(reply, for: laptop.id).sent >= 1)
        let home = try laptop.apply(reply)
        #expect(home.received == 1 && home.peer == office.id)
        try expectConverged([laptop, office])
        #expect(try laptop.dots() == office.dots())
    }

    /// What a replica remembers of a bundle's creator never goes back: after a newer
    /// bundle, applying an older one must not make `bundle create --for` resend what the
    /// creator is already known to hold.
    @Test func anOlderBundleDoesNotMakeTheReplicaForgetNewerKnowledge() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        try laptop.newID("add", "First", "--body", "one")
        let older = lab.path("older.bundle")
        try laptop.createBundle(older)
        try laptop.newID("add", "Second", "--body", "two")
        let newer = lab.path("newer.bundle")
        try laptop.createBundle(newer)
        try office.apply(newer)
        try office.apply(older)
        try office.newID("add", "From office", "--body", "reply")
        let reply = lab.path("reply.bundle")
        let result = try office.ok("bundle", "create", reply, "--for", laptop.id)
        #expect(result.lines == ["wrote 1 change to \(reply)"],
                "laptop is known to hold laptop:1-2 since the newer bundle: \(result)")
        let home = try laptop.apply(reply)
        #expect((home.received, home.duplicates) == (1, 0))
        try expectConverged([laptop, office])
    }

    /// `--for` also takes the name a replica goes by, once a sync or bundle made it known;
    /// a name two replicas share is refused, and the ids to choose from are listed.
    @Test func bundleForAReplicaByItsName() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        try laptop.newID("add", "First", "--body", "one")
        let first = lab.path("first.bundle")
        try laptop.createBundle(first)
        try office.apply(first)
        try office.newID("add", "From office", "--body", "reply")
        let reply = lab.path("reply.bundle")
        #expect(try office.ok("bundle", "create", reply, "--for", "laptop").lines == ["wrote 1 change to \(reply)"])
        try expectRefused(
            office, ["bundle", "create", lab.path("x.bundle"), "--for", "office"], status: Exit.usage,
            mentioning: "no peer, replica id or replica name 'office'")

        let twin = try lab.replica("laptop", file: "twin.db")
        try twin.newID("add", "Twin", "--body", "two")
        let fromTwin = lab.path("twin.bundle")
        try twin.createBundle(fromTwin)
        try office.apply(fromTwin)
        let ids = [laptop.id, twin.id].sorted().joined(separator: ", ")
        try expectRefused(
            office, ["bundle", "create", lab.path("x.bundle"), "--for", "laptop"], status: Exit.usage,
            mentioning: "'laptop' is the name of 2 replicas (\(ids)): give the id")
    }

    /// A bundle for a named peer holds what that peer lacked at the last sync.
    @Test func bundleForANamedPeerHoldsOnlyWhatItLacks() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        try laptop.newID("add", "Before", "--body", "synced live")
        try laptop.ok("peer", "add", "work", office.path)
        try laptop.sync("work")
        try laptop.newID("add", "After", "--body", "carried by hand")
        let file = lab.path("for-work.bundle")
        #expect(try laptop.createBundle(file, for: "work").sent == 1)
        let applied = try office.apply(file)
        #expect((applied.received, applied.duplicates) == (1, 0))
        try expectConverged([laptop, office])
    }

    /// `bundle create --for NAME` for a peer that was added but never synced: its knowledge
    /// is unknown, so the bundle holds everything ("everything when unknown").
    @Test func bundleForANeverSyncedPeerHoldsEverything() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        try laptop.newID("add", "Only here", "--body", "text")
        try laptop.ok("peer", "add", "work", office.path)
        let file = lab.path("for-work.bundle")
        let result = try laptop.run("bundle", "create", file, "--for", "work")
        #expect(result.status == 0, "a known peer without a sync yet should get everything: \(result)")
        #expect(result.lines == ["wrote 1 change to \(file)"], "\(result)")
    }

    @Test func bundleErrors() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        try laptop.newID("add", "Mine", "--body", "text")
        let own = lab.path("own.bundle")
        try laptop.createBundle(own)
        try expectRefused(
            laptop, ["bundle", "apply", own], status: Exit.syncFailed, mentioning: "bundle \(own) refused: same_replica")
        let missing = lab.path("missing.bundle")
        try expectRefused(
            laptop, ["bundle", "apply", missing], status: Exit.noInput,
            mentioning: "cannot read \(missing): No such file or directory")
        try expectRefused(
            laptop, ["bundle", "create", lab.path("x.bundle"), "--for", "nobody"], status: Exit.usage, mentioning: "nobody")
        try expectRefused(
            laptop, ["bundle", "create", lab.path("no/such/dir/x.bundle")], status: Exit.cannotCreate,
            mentioning: "cannot create \(lab.path("no/such/dir/x.bundle"))")
        // Files that are not bundles, or no longer whole ones, are named as such.
        let office = try lab.replica("office")
        let notBundles: [(name: String, bytes: Data, says: String)] = [
            ("notes.txt", Data("Hà Nội ngập sâu\n".utf8), "is not a Marginalia bundle (line 1: "),
            ("empty.bundle", Data(), "is not a Marginalia bundle (it is empty)"),
            ("cut.bundle", try Data(contentsOf: URL(fileURLWithPath: own)).prefix { $0 != UInt8(ascii: "\n") } + [10],
             "ends after line 1, where a change or done was expected: it was cut short"),
        ]
        for (name, bytes, says) in notBundles {
            let path = lab.path(name)
            try bytes.write(to: URL(fileURLWithPath: path))
            try expectRefused(office, ["bundle", "apply", path], status: Exit.syncFailed, mentioning: "\(path) \(says)")
        }
    }

    /// What a sync records of the peer's knowledge must be what the peer holds: a local
    /// edit made while the sync runs (after the changes were sent) was not sent, so the
    /// peer must not be credited with it, or `bundle create --for` leaves it out forever.
    @Test func aPeerIsNotCreditedWithAnEditMadeDuringTheSync() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        try laptop.newID("add", "Before", "--body", "sent by the sync")
        // The responder's answer is held back after its hello until `release` exists.
        let release = lab.path("release")
        let gate = "\(shellQuote(SyncLab.binary)) --db \(shellQuote(office.path)) serve --stdio | "
            + "{ IFS= read -r line; printf '%s\\n' \"$line\"; while [ ! -f \(shellQuote(release)) ]; do sleep 0.02; done; cat; }"
        try laptop.ok("peer", "add", "work", "exec:" + gate)
        let running = try laptop.start(["sync", "work", "--json"])
        // Once office has stored what laptop sent, laptop is only waiting for office's answer.
        try waitUntil("office to receive laptop's change") { try office.status().changes == 1 }
        try laptop.newID("add", "During", "--body", "made while the sync waits")
        _ = FileManager.default.createFile(atPath: release, contents: nil)
        let result = try running.finish()
        #expect(result.status == 0, "\(result)")
        #expect(try office.status().knowledge == [laptop.id: 1])

        let remembered = try laptop.jsonLines(PeerDoc.self, "peers", "--json").first?.knowledge
        #expect(remembered == [laptop.id: 1], "office holds laptop:1 only, but laptop remembers \(String(describing: remembered))")
        let bundle = lab.path("for-work.bundle")
        let created = try laptop.createBundle(bundle, for: "work")
        #expect(created.sent == 1, "the bundle for office must carry the change made during the sync")
        try office.apply(bundle)
        #expect(try office.digest() == laptop.digest(), "office never gets 'During' by bundle")
    }

    // MARK: Named peers

    @Test func namedPeersOverEveryTransport() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let targets = try Transport.live.map { transport in
            (transport, try lab.replica("\(transport)-replica"))
        }
        let links = try targets.map { try Link(to: $0.1, via: $0.0) }
        for ((transport, _), link) in zip(targets, links) {
            try laptop.ok("peer", "add", "via-\(transport)", link.target)
        }
        try laptop.newID("add", "Shared", "--body", "text for every peer")

        let before = try laptop.jsonLines(PeerDoc.self, "peers", "--json")
        #expect(before.map(\.name) == ["via-exec", "via-file", "via-ssh", "via-tcp"])
        for peer in before {
            #expect(peer.replica == nil && peer.lastSync == nil && peer.knowledge == nil, "\(peer)")
        }
        let humanBefore = try laptop.ok("peers")
        #expect(humanBefore.lines.count == 4)
        #expect(humanBefore.lines.allSatisfy { $0.hasSuffix("  never synced") }, "\(humanBefore)")
        #expect(humanBefore.lines.contains("via-file  \(targets[0].1.path)  never synced"))

        for ((transport, node), link) in zip(targets, links) {
            try node.newID("add", "From \(transport)", "--body", "text")
            let summary = try laptop.sync("via-\(transport)", extra: link.extra)
            #expect(summary.peer == node.id && summary.peerName == "\(transport)-replica")
            #expect(summary.received == 1)
        }
        // One more round so that every peer holds everything.
        for ((transport, _), link) in zip(targets, links) { try laptop.sync("via-\(transport)", extra: link.extra) }
        try expectConverged([laptop] + targets.map(\.1))

        let knowledge = try laptop.status().knowledge
        let after = try laptop.jsonLines(PeerDoc.self, "peers", "--json")
        for (peer, (transport, node)) in zip(after, [Transport.exec, .file, .ssh, .tcp].map { t in targets.first { $0.0 == t }! }) {
            #expect(peer.name == "via-\(transport)")
            #expect(peer.replica == node.id)
            #expect(peer.knowledge == knowledge, "\(peer)")
            #expect(peer.lastSync.flatMap(parseISOTime) != nil, "\(peer)")
        }
        let human = try laptop.ok("peers")
        #expect(human.lines.count == 4)
        for line in human.lines {
            #expect(line.contains("  last sync "), "\(line)")
            #expect(line.contains("  knows "), "\(line)")
            #expect(line.contains("laptop:1"), "\(line)")
            for (transport, _) in targets { #expect(line.contains("\(transport)-replica:1"), "\(line)") }
        }
        for link in links { try link.stop() }

        // Retargeting keeps the name; a bad name or target is a usage error.
        try laptop.ok("peer", "add", "via-file", targets[1].1.path)
        #expect(try laptop.jsonLines(PeerDoc.self, "peers", "--json").first { $0.name == "via-file" }?.target
            == targets[1].1.path)
        try expectRefused(laptop, ["peer", "add", "a:b", "x.db"], status: Exit.usage, mentioning: "peer name")
        try expectRefused(laptop, ["peer", "add", "ok", "ssh://nohost"], status: Exit.usage, mentioning: "ssh://")
        // An unknown name is taken as a file, which does not exist.
        try expectRefused(laptop, ["sync", "nobody"], status: Exit.usage, mentioning: "no replica at nobody")
    }

    // MARK: Target errors

    @Test func unusableTargetsAreRefused() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        try laptop.newID("add", "Mine", "--body", "text")
        let token = try lab.tokenFile()
        try expectRefused(laptop, ["sync", lab.path("missing.db")], status: Exit.usage, mentioning: "no replica at")
        try expectRefused(laptop, ["sync", "exec:"], status: Exit.usage, mentioning: "exec:")
        try expectRefused(laptop, ["sync", "ssh://host"], status: Exit.usage, mentioning: "ssh://HOST/PATH")
        try expectRefused(laptop, ["sync", "tcp://127.0.0.1", "--token-file", token], status: Exit.usage, mentioning: "tcp://")
        try expectRefused(laptop, ["sync", "tcp://127.0.0.1:9", "--insecure"], status: Exit.usage, mentioning: "--token-file")
        try expectRefused(laptop, ["sync", "tls://127.0.0.1:9?fingerprint=ABC"], status: Exit.usage, mentioning: "not a fingerprint")
        try expectRefused(laptop, ["sync", lab.path("missing.db"), "--fingerprint", "ABC"], status: Exit.usage, mentioning: "not a fingerprint")
        try expectRefused(
            laptop, ["sync", "tcp://127.0.0.1:9", "--token-file", lab.path("no-token")], status: Exit.usage,
            mentioning: "no-token")
        let short = try lab.tokenFile("short", secret: "tooshort")
        try expectRefused(laptop, ["sync", "tcp://127.0.0.1:9", "--token-file", short], status: Exit.usage,
                          mentioning: "16")
        // With itself: the responder refuses the session (its own message may reach standard
        // error too, before it is stopped).
        try expectRefused(
            laptop, ["sync", laptop.path], status: Exit.syncFailed, mentioning: "same_replica", oneLine: false)
        // A server never creates a replica: a mistyped remote path fails the sync instead
        // of answering from a new, empty replica.
        // The far side's status (74, its replica cannot be opened) is the sync's.
        let typo = lab.path("typo.db")
        let mistyped = try laptop.run("sync", "exec:\(shellQuote(SyncLab.binary)) --db \(shellQuote(typo)) serve --stdio")
        #expect(mistyped.status == Exit.cannotOpenReplica, "\(mistyped)")
        #expect(mistyped.errorLines.first == "marginalia: no replica at \(typo) (create one with 'marginalia --db \(typo) init')", "\(mistyped)")
        #expect(!FileManager.default.fileExists(atPath: typo))
        // A command that is not a replica: reads the hello and exits, or exits at once (the
        // hello then meets a broken pipe or an ended input). Either way the line says how it exited.
        try expectRefused(
            laptop, ["sync", "exec:read line"], status: Exit.syncFailed,
            mentioning: "the peer's command exited with status 0 before the sync ended (the peer hung up after 0 lines")
        try expectRefused(
            laptop, ["sync", "exec:exit 3"], status: Exit.syncFailed,
            mentioning: "the peer's command exited with status 3 before the sync ended")
        // A file that is not a replica, and a folder: refused in their own words, with the
        // status of a replica that cannot be opened, and left as they were.
        let text = lab.path("notes.txt")
        try Data("just text\n".utf8).write(to: URL(fileURLWithPath: text))
        try expectRefused(laptop, ["sync", text], status: Exit.cannotOpenReplica,
                          mentioning: "\(text) is not a Marginalia replica")
        #expect(try Data(contentsOf: URL(fileURLWithPath: text)) == Data("just text\n".utf8))
        try expectRefused(laptop, ["sync", lab.root.path], status: Exit.cannotOpenReplica,
                          mentioning: "\(lab.root.path) is not a Marginalia replica")
    }

    /// A closed port is named with the system's words, never a library's type names.
    @Test func aClosedPortSaysConnectionRefused() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let token = try lab.tokenFile()
        let closed = try RawListener().port  // bound, then closed when the listener goes
        try expectRefused(laptop, ["sync", "tcp://127.0.0.1:\(closed)", "--token-file", token], status: Exit.syncFailed,
                          mentioning: "cannot connect to 127.0.0.1:\(closed): connection refused")
    }

    /// `ssh://-oProxyCommand=…/x.db` must never reach ssh as an option (the shape of git's
    /// CVE-2017-1000117): such a host is refused, and ssh is always given `--` before the
    /// host (the lab's fake ssh refuses to run without it, and logs the hosts it was given).
    @Test func anSSHHostIsNeverReadAsAnOption() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        let office = try lab.replica("office")
        // The commands run in the lab's work folder: that is where ssh would have run it.
        let touched = lab.sandbox.work.appendingPathComponent("touched").path
        for host in ["-oProxyCommand=touch touched", "-v"] {
            try expectRefused(laptop, ["sync", "ssh://\(host)/\(office.path)"], status: Exit.usage,
                              mentioning: "'\(host)' in 'ssh://\(host)/\(office.path)' is not a host name: it begins with '-'")
            try expectRefused(laptop, ["peer", "add", "evil", "ssh://\(host)/x.db"], status: Exit.usage,
                              mentioning: "begins with '-'")
        }
        #expect(!FileManager.default.fileExists(atPath: touched))
        #expect(!FileManager.default.fileExists(atPath: lab.sshHostLog), "ssh was never started")
        try laptop.ok("sync", "ssh://office-host\(office.path)")
        #expect(try String(contentsOfFile: lab.sshHostLog, encoding: .utf8) == "office-host\n")
    }
}

/// A command that must be refused with `status`, one line on standard error mentioning
/// `mention`, nothing on standard output, and the replica unchanged.
@discardableResult
func expectRefused(
    _ node: ReplicaNode, _ arguments: [String], stdin: Data? = nil, status: Int32, mentioning mention: String,
    oneLine: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
) throws -> RunResult {
    let before = try node.snapshot(sourceLocation: sourceLocation)
    let result = try node.run(arguments, stdin: stdin)
    #expect(result.status == status, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stdout == "", "\(result)", sourceLocation: sourceLocation)
    if oneLine {
        #expect(result.errorLines.count == 1, "one line on stderr expected: \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("marginalia: "), "\(result)", sourceLocation: sourceLocation)
    }
    #expect(result.errorLines.last?.hasPrefix("marginalia: ") == true, "\(result)", sourceLocation: sourceLocation)
    #expect(result.errorLines.last?.contains(mention) == true, "'\(mention)' expected: \(result)",
            sourceLocation: sourceLocation)
    let after = try node.snapshot(sourceLocation: sourceLocation)
    #expect(before == after, "the replica changed after \(result)", sourceLocation: sourceLocation)
    return result
}

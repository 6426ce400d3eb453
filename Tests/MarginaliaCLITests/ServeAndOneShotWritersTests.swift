import Foundation
import Testing

/// `serve --listen` receiving syncs from several clients while one-shot commands and a
/// REPL session (its script mode: the same session, one replica connection held across
/// its commands) write the same file at the same moment: every process waits its turn
/// (WAL, busy timeout), so no write is lost, no counter is issued twice, and everyone
/// converges.
///
/// `MARGINALIA_WRITER_WAVES=N` runs N waves of writers (default 2).
@Suite("serve and one-shot commands writing one replica")
struct ServeAndOneShotWritersTests {
    static let clientCount = 4
    static let waves = ProcessInfo.processInfo.environment["MARGINALIA_WRITER_WAVES"].flatMap { Int($0) } ?? 2

    @Test func noWriteIsLostAndNoCounterIsIssuedTwice() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let words = (0..<(2 * Self.waves)).map { "word\($0)" }
        let article = try office.newID("add", "Shared", "--body", words.joined(separator: " "))
        let clients = try (0..<Self.clientCount).map { try lab.replica("client\($0)") }
        let link = try Link(to: office, via: .tcp)

        var addedIDs: [String] = []
        var localWrites = 1
        for wave in 0..<Self.waves {
            for client in clients {
                try client.newID("add", "\(client.name) wave \(wave)", "--body", "text \(wave)")
            }
            // Everything at once: each client's sync, and writers of every kind on the server's file.
            var writes: [[String]] = (0..<4).map { ["add", "Wave \(wave) add \($0)", "--body", "body \($0)"] }
            writes += (0..<2).map { ["annotate", article, "--quote", words[2 * wave + $0]] }
            writes.append(["edit", article, "--title", "Shared, wave \(wave)"])
            writes.append(["tag", article, "+wave\(wave)"])
            let session = ["add 'Session wave \(wave) one' --body one", "tag \(article) +session\(wave)",
                           "add 'Session wave \(wave) two' --body two"]
            let syncs = try clients.map { try $0.start(["sync", link.target, "--json"] + link.extra) }
            let writers = try writes.map { try office.start($0) }
            let repl = try office.start(["--bail"], stdin: Data(session.map { $0 + "\n" }.joined().utf8))
            let results = try finishAll(syncs + writers + [repl])
            addedIDs += results[syncs.count..<(syncs.count + 4)].compactMap(\.lines.first)
            let sessionIDs = results[results.count - 1].lines
            #expect(sessionIDs.count == 2, "the session prints the ids of its two articles: \(sessionIDs)")
            addedIDs += sessionIDs
            localWrites += writes.count + session.count
        }

        let listed = Set(try office.jsonLines(ArticleSummaryDoc.self, "list", "--json").map(\.id))
        #expect(addedIDs.count == 6 * Self.waves && listed.isSuperset(of: addedIDs), "a write was lost")
        let own = try office.jsonLines(ChangeDoc.self, "log", "--json", "--limit", "1000000")
            .filter { $0.replica == office.id }.map(\.counter)
        #expect(own.sorted() == Array(1...localWrites), "the server's own counters must be exactly 1…\(localWrites)")
        #expect(try office.status().knowledge[office.id] == localWrites)
        #expect(try office.status().articles == 1 + 6 * Self.waves + Self.clientCount * Self.waves)
        try office.expectVerified()

        // One more sync each brings everyone level.
        for client in clients { try client.sync(link) }
        try link.stop()
        try expectConverged([office] + clients)
    }
}

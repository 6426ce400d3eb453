import Foundation
import Testing

@Suite("history, log, verify")
struct HistoryLogTests {
    @Test func historyListsEveryChangeOfOneEntity() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init", "--name", "desk")
        let article = try sandbox.id("add", "Story", "--body", "once upon a time", "--tag", "tale")
        try sandbox.id("add", "Other", "--body", "unrelated")
        try sandbox.ok("edit", article, "--title", "Story, revised")
        let annotation = try sandbox.id("annotate", article, "--quote", "time", "--note", "n")
        try sandbox.ok("tag", article, "-tale")
        let replica = try sandbox.status().replica.id

        let history = try sandbox.jsonLines(ChangeDoc.self, "history", article, "--json")
        #expect(history.map(\.counter) == [1, 3, 5])
        #expect(history.allSatisfy { $0.entity == article && $0.kind == "article" && $0.replica == replica })
        #expect(history.allSatisfy { $0.replicaName == "desk" })
        #expect(history[0].fields["title"] == .string("Story"))
        #expect(history[0].fields["body"] == .string("once upon a time"))
        #expect(history[0].fields["tag:tale"] == .bool(true))
        #expect(history[1].fields["title"] == .string("Story, revised"))
        #expect(history[1].fields["body"] == nil)
        #expect(history[2].fields["tag:tale"] == .bool(false))
        #expect(history[1].context == [replica: 2])

        let human = try sandbox.ok("history", article).lines
        try #require(human.count == 3)
        #expect(human[0].hasPrefix("\(replica.prefix(8)):1  desk  "))
        #expect(human[0].contains("title=“Story”"))
        #expect(human[0].contains("+#tale"))
        #expect(human[1].hasSuffix("title=“Story, revised”"))
        #expect(human[2].hasSuffix("-#tale"))

        let ofAnnotation = try sandbox.jsonLines(ChangeDoc.self, "history", annotation, "--json")
        #expect(ofAnnotation.map(\.counter) == [4])
        #expect(ofAnnotation[0].fields["article"] == .string(article))
        #expect(ofAnnotation[0].fields["note"] == .string("n"))
    }

    @Test func logShowsTheLatestChangesNewestFirst() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init", "--name", "laptop")
        let first = try sandbox.id("add", "First", "--body", "a b c")
        let second = try sandbox.id("add", "Second", "--body", "d e f")
        let annotation = try sandbox.id("annotate", second, "--quote", "e")
        let replica = try sandbox.status().replica.id

        let result = try sandbox.ok("log", "--json")
        for line in result.lines {
            let keys = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).keys
            #expect(Set(keys) == [
                "replica", "counter", "lamport", "time", "entity", "kind", "fields", "context", "replica_name",
                "iso_time",
            ])
        }
        let log = try result.lines.map { try JSONDecoder().decode(ChangeDoc.self, from: Data($0.utf8)) }
        #expect(log.map(\.entity) == [annotation, second, first])
        #expect(log.map(\.counter) == [3, 2, 1])
        #expect(log.map(\.lamport) == [3, 2, 1])
        #expect(log.map(\.kind) == ["annotation", "article", "article"])
        #expect(log.map(\.context) == [[replica: 2], [replica: 1], [:]])
        #expect(log.allSatisfy { $0.replica == replica && $0.replicaName == "laptop" })
        for change in log {
            let parsed = try #require(parseISOTime(change.isoTime), "iso_time \(change.isoTime)")
            #expect(abs(parsed.timeIntervalSince1970 * 1000 - Double(change.time)) < 1.5, "\(change.isoTime) vs \(change.time)")
        }
        let anchor = try #require(log[0].fields["anchor"])
        guard case .object(let fields) = anchor else { Issue.record("anchor is \(anchor)"); return }
        #expect(fields["quote"] == .string("e"))
        #expect(fields["start"] == .number(2))

        #expect(try sandbox.jsonLines(ChangeDoc.self, "log", "--limit", "2", "--json").map(\.counter) == [3, 2])
        let human = try sandbox.ok("log", "--limit", "1").lines
        #expect(human.count == 1)
        #expect(human.first?.contains("  laptop  ") == true)
        #expect(human.first?.contains("  annotation \(annotation.prefix(8))  ") == true)
        try sandbox.expectUsageError("log", "--limit", "0", mentioning: "--limit must be at least 1")
    }

    /// `iso_time` is `time` written in ISO 8601, so both must agree to the millisecond.
    @Test func logISOTimeIsTheExactMillisecond() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        for index in 0..<12 { try sandbox.id("add", "Article \(index)", "--body", "x") }
        for change in try sandbox.jsonLines(ChangeDoc.self, "log", "--json") {
            #expect(change.isoTime == isoTime(milliseconds: change.time), "time \(change.time)")
        }
    }

    @Test func verifyReportsOk() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "V", "--body", "verify me")
        try sandbox.id("annotate", article, "--quote", "me")
        let result = try sandbox.ok("verify")
        #expect(result.lines.count == 1)
        #expect(result.lines.first?.hasPrefix("ok: 2 changes replayed, ") == true, "\(result)")
        #expect(result.lines.first?.hasSuffix(" rows identical") == true, "\(result)")

        let json = try sandbox.json(VerificationDoc.self, "verify", "--json")
        #expect(json.ok)
        #expect(json.changes == 2)
        #expect(json.rows > 0)
        #expect(json.problems.isEmpty)
    }

    @Test func verifyNoticesTamperedDerivedState() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.id("add", "Original", "--body", "text")
        // Derived state changed behind marginalia's back.
        _ = try sandbox.sqlite("UPDATE articles SET title = 'Forged'")

        let result = try sandbox.run("verify")
        #expect(result.status == Exit.failure, "\(result)")
        #expect(result.lines.contains { $0.hasPrefix("problem: table articles differs") }, "\(result)")
        let json = try sandbox.run("verify", "--json")
        #expect(json.status == Exit.failure)
        let report = try JSONDecoder().decode(VerificationDoc.self, from: Data(json.stdout.utf8))
        #expect(!report.ok)
        #expect(!report.problems.isEmpty)
    }
}

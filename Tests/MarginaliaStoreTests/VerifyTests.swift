import GRDB
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

@Suite struct VerifyTests {
    @Test func aSoundReplicaVerifies() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let article = try replica.edit { try $0.addArticle(title: "T", body: ReplicaFixtures.vietnameseBody, tags: [Tag("x")!]) }
        _ = try replica.edit { try $0.annotate(article, at: .quote("sông Tô Lịch", occurrence: nil), note: "n") }
        let report = try replica.verify()
        #expect(report.problems == [])
        #expect(report.changesReplayed == 2)
        #expect(report.rowsCompared > 0)
    }

    @Test(arguments: [
        "UPDATE articles SET title = 'tampered'",
        "UPDATE annotations SET registers = replace(registers, '\"quote\":\"words\"', '\"quote\":\"sword\"')",
        "DELETE FROM tags",
        "UPDATE knowledge SET counter = counter + 1",
    ])
    func derivedTablesAlteredBehindItsBackAreDetected(tampering: String) throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let article = try replica.edit { try $0.addArticle(title: "T", body: "body words", tags: [Tag("x")!]) }
        _ = try replica.edit { try $0.annotate(article, at: .quote("words", occurrence: nil), note: "n") }
        try replica.queue.write { db in try db.execute(sql: tampering) }
        #expect(!(try replica.verify().isConsistent))
    }

    @Test func aGapInTheLogIsDetected() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let article = try replica.edit { try $0.addArticle(title: "T", body: "b") }
        try replica.edit { try $0.editArticle(article, title: "T2") }
        try replica.edit { try $0.editArticle(article, title: "T3") }
        try replica.queue.write { db in try db.execute(sql: "DELETE FROM changes WHERE counter = 2") }
        let problems = try replica.verify().problems
        #expect(problems.contains { $0.contains("2 changes") && $0.contains("reach 3") })
    }
}

import MarginaliaCore
@_spi(Testing) import MarginaliaStore
@testable import MarginaliaSync
import MarginaliaTestSupport
import Testing

/// A receiver's batch ends at `ProtocolConstants.batchSize` changes or once its payloads
/// reach `batchBytes`, whichever comes first: it holds two batches at once, and long
/// articles would otherwise make them tens of megabytes.
@Suite struct PendingBatchTests {
    /// The changes adding `count` articles of `body`, prepared as a session has a replica prepare them.
    private static func articles(_ count: Int, body: String) throws -> [PreparedChange] {
        let directory = try TemporaryDirectory()
        let source = try Replica.fixture("source", in: directory)
        try source.edit { editor in
            for number in 0..<count { try editor.addArticle(title: "Bài số \(number)", body: body) }
        }
        // Through the protocol, as a session prepares them: a replica's come with records.
        let store: any SyncStore = source
        var changes: [PreparedChange] = []
        try source.forEachChange(notCoveredBy: VersionVector()) { change, _ in changes.append(store.prepare(change)) }
        #expect(changes.allSatisfy { $0.created != nil })
        return changes
    }

    /// How many of `changes` a batch takes before it is full; nil when never.
    private static func filled(by changes: [PreparedChange]) -> Int? {
        var batch = PendingBatch()
        for (line, change) in changes.enumerated() {
            batch.append(change, line: line + 1)
            if batch.isFull { return batch.changes.count }
        }
        return nil
    }

    @Test func longArticlesFillABatchByTheirBytes() throws {
        // About 8 KB of Vietnamese each: 4 MiB in a little over 500.
        let body = String(repeating: "Mưa lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu. ", count: 140)
        let changes = try Self.articles(700, body: body)
        let taken = try #require(Self.filled(by: changes))
        #expect(taken < ProtocolConstants.batchSize)
        let bytes = try changes.prefix(taken).reduce(0) { $0 + (try $1.payload.get().utf8.count) }
        #expect(bytes >= ProtocolConstants.batchBytes)
        #expect(bytes - (try changes[taken - 1].payload.get().utf8.count) < ProtocolConstants.batchBytes)
    }

    @Test func shortChangesFillABatchByTheirCount() throws {
        let changes = try Self.articles(ProtocolConstants.batchSize + 1, body: "Đường phố ngập nước.")
        #expect(Self.filled(by: changes) == ProtocolConstants.batchSize)
    }
}

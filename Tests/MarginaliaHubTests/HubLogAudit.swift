import MarginaliaCore
import MarginaliaHub
import MarginaliaTestSupport
import Testing

/// Reads a hub's whole log back and holds it to the log's invariants, independently of
/// how it was appended: replayed in accepted order through a replica's rules, every
/// change is new (no dot twice), the next of its origin (no gap) and causally ready (the
/// order senders page in is causal); the knowledge and digests stored match the changes.
enum HubLogAudit {
    /// The knowledge the log implies.
    @discardableResult
    static func check(_ hub: HubLog, cluster: PostgresCluster) async throws -> VersionVector {
        var replay = ChangeAdmission(receiver: hub.id, knowledge: VersionVector())
        var digest = LogDigest.zero
        var position: Int64 = 0
        while true {
            let page = try await hub.changePage(notCoveredBy: VersionVector(), after: position, limit: 500)
            if page.payloads.isEmpty { break }
            for payload in page.payloads {
                let change = try #require(CanonicalChangeReader.change(payload))
                #expect(try replay.classify(change) == .new, "\(change.dot) out of order or twice")
                replay.record(change)
            }
            position = page.next
        }
        #expect(try await hub.knowledge() == replay.knowledge)
        #expect(try cluster.hubLogProblems() == "")
        for (origin, counter) in replay.knowledge.sortedEntries {
            let hashes = try await hub.logDigests(of: [CounterRange(replica: origin, from: 1, to: counter)])
            digest += try #require(hashes?.first)
        }
        #expect(try await hub.logDigest() == digest)
        return replay.knowledge
    }
}

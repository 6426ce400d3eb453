import Foundation
import MarginaliaCore
import MarginaliaSync
import Testing

@Suite struct ProtocolLimitsTests {
    /// The largest change a replica may record locally fills exactly one line: the
    /// store's limit and the protocol's must not drift apart.
    @Test func theLargestLocalChangeFitsInOneLine() throws {
        let change = Change(
            dot: Dot(replica: ReplicaID("aaaaaaaaaaaaaaaa")!, counter: 1), lamport: 1, time: 0,
            entity: EntityID("0000000000000001")!, kind: .article, fields: [.title: .text("T")], context: VersionVector())
        let line = try MessageCoding().encode(.change(change))
        let envelope = line.count - CanonicalChangeWriter.json(change).utf8.count
        #expect(ChangeValidator.maximumEncodedBytes + envelope == ProtocolConstants.maximumLineBytes)
    }
}

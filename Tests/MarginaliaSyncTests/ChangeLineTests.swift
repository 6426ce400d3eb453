import Foundation
import MarginaliaCore
import MarginaliaSync
import Testing

@Suite struct ChangeLineTests {
    private let change = Change(
        dot: Dot(replica: ReplicaID("aaaaaaaaaaaaaaaa")!, counter: 1), lamport: 1, time: 1_764_425_397_747,
        entity: EntityID("e8gvjn9g1car4zyw")!, kind: .article,
        fields: [.title: .text("Hà Nội: Mưa lớn kéo dài")], context: VersionVector())

    /// Senders wrap stored payloads without re-encoding: the line must be the one the
    /// general encoder writes for the same change.
    @Test func wrappingAPayloadWritesTheCanonicalLine() throws {
        let wrapped = ChangeLine.line(carrying: CanonicalChangeWriter.json(change))
        #expect(wrapped == (try MessageCoding().encode(.change(change))))
        #expect(try MessageCoding().decode(Array(wrapped), lineNumber: 1) == .change(change))
    }

    /// The codes peers act on are the rejection codes' own strings.
    @Test(arguments: ChangeRejection.Code.allCases)
    func everyRejectionHasTheProtocolCodeOfTheSameName(_ code: ChangeRejection.Code) {
        #expect(ProtocolErrorCode(code).rawValue == code.rawValue)
    }
}

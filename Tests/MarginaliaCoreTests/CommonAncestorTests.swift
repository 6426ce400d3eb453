import MarginaliaCore
import Testing

@Suite("CommonAncestor")
struct CommonAncestorTests {
    typealias F = Fixture

    @Test func theLatestValueBothEditorsHadSeen() {
        let created = F.change(F.a, 1, fields: [.title: .text("v1"), .body: .text("b")])
        let second = F.change(F.a, 2, fields: [.title: .text("v2")], context: F.vector([(F.a, 1)]))
        let bodyOnly = F.change(F.a, 3, fields: [.body: .text("b2")], context: F.vector([(F.a, 2)]))
        let ours = F.change(F.a, 4, fields: [.title: .text("ours")], context: F.vector([(F.a, 3)]))
        let theirs = F.change(F.b, 1, lamport: 4, fields: [.title: .text("theirs")], context: F.vector([(F.a, 3)]))
        let log = [created, second, bodyOnly, ours, theirs]
        #expect(CommonAncestor.find(of: .title, siblings: [ours.dot, theirs.dot], in: log) == second)
        #expect(CommonAncestor.find(of: .body, siblings: [ours.dot, theirs.dot], in: log) == bodyOnly)
    }

    @Test func aValueOnlyOneSideSawIsNotTheAncestor() {
        let created = F.change(F.a, 1, fields: [.title: .text("v1")])
        let local = F.change(F.a, 2, fields: [.title: .text("local draft")], context: F.vector([(F.a, 1)]))
        let ours = F.change(F.a, 3, fields: [.title: .text("ours")], context: F.vector([(F.a, 2)]))
        let theirs = F.change(F.b, 1, lamport: 2, fields: [.title: .text("theirs")], context: F.vector([(F.a, 1)]))
        #expect(CommonAncestor.find(of: .title, siblings: [ours.dot, theirs.dot], in: [created, local, ours, theirs])
            == created)
    }

    @Test func noAncestorWhenTheFieldWasNeverWrittenBefore() {
        let created = F.change(F.a, 1, fields: [.title: .text("t")])
        let ours = F.change(F.a, 2, fields: [.source: .text("x")], context: F.vector([(F.a, 1)]))
        let theirs = F.change(F.b, 1, lamport: 2, fields: [.source: .text("y")], context: F.vector([(F.a, 1)]))
        let log = [created, ours, theirs]
        #expect(CommonAncestor.find(of: .source, siblings: [ours.dot, theirs.dot], in: log) == nil)
        // A sibling missing from the log gives no ancestor rather than a wrong one.
        #expect(CommonAncestor.find(of: .title, siblings: [ours.dot, F.dot(F.c, 9)], in: log) == nil)
    }
}

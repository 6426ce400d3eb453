import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// The checks every received change passes before it is applied.
@Suite struct IntegrationTests {
    let directory: TemporaryDirectory
    let source: Replica
    let target: Replica
    let changes: [Change]

    init() throws {
        directory = try TemporaryDirectory()
        source = try Replica.fixture("source", in: directory)
        target = try Replica.fixture("target", in: directory)
        let article = try source.edit { try $0.addArticle(title: "T", body: "a body with words") }
        try source.edit { try $0.editArticle(article, title: "T2") }
        _ = try source.edit { try $0.annotate(article, at: .quote("words", occurrence: nil), note: "n") }
        changes = try ReplicaFixtures.changes(of: source)
    }

    private func expectRefused(_ batch: [Change], at index: Int, _ code: ChangeRejection.Code) throws {
        let before = try ReplicaFixtures.state(of: target)
        let beforeChanges = try target.status().changes
        do {
            try target.integrate(batch)
            Issue.record("batch was accepted")
        } catch let error as IntegrationError {
            #expect(error.index == index)
            #expect(error.rejection.code == code)
        }
        #expect(try ReplicaFixtures.state(of: target) == before)
        #expect(try target.status().changes == beforeChanges)
    }

    @Test func appliesABatchAndSkipsDuplicates() throws {
        #expect(try target.integrate(changes) == { var s = IntegrationSummary(); s.applied = 3; return s }())
        let again = try target.integrate(changes)
        #expect(again.applied == 0 && again.duplicates == 3)
        #expect(try ReplicaFixtures.state(of: target).contains("T2"))
        #expect(try target.verify().isConsistent)
    }

    @Test func refusesAGapInAnOriginsCounters() throws {
        try expectRefused([changes[0], changes[2]], at: 1, .nonContiguous)
    }

    @Test func refusesAChangeWhoseContextWasNotReceived() throws {
        var forged = changes[1]
        forged.context[ReplicaID.random()] = 4
        try expectRefused([changes[0], forged], at: 1, .causalityViolation)
    }

    @Test func refusesEquivocation() throws {
        try target.integrate(changes)
        var altered = changes[1]
        altered.fields[.title] = .text("something else")
        try expectRefused([altered], at: 0, .equivocation)
    }

    @Test func refusesChangesForgedInTheReceiversName() throws {
        var forged = changes[0]
        forged.dot = Dot(replica: target.id, counter: 1)
        forged.context = VersionVector()
        try expectRefused([forged], at: 0, .forgedOrigin)
    }

    @Test(arguments: ["not NFC", "empty title", "wrong field", "bad anchor", "no fields"])
    func refusesMalformedChanges(kind: String) throws {
        var change = changes[0]
        switch kind {
        case "not NFC": change.fields[.body] = .text("e\u{0301}")
        case "empty title": change.fields[.title] = .text("")
        case "wrong field": change.fields[.note] = .text("notes belong to annotations")
        case "bad anchor":
            change = changes[2]
            change.fields[.anchor] = .anchor(Anchor(start: 5, end: 3, quote: "x", prefix: "", suffix: "", revision: nil))
        default: change.fields = [:]
        }
        let batch = kind == "bad anchor" ? [changes[0], changes[1], change] : [change]
        try expectRefused(batch, at: batch.count - 1, .malformedChange)
    }

    @Test func refusesAnEntityChangingKind() throws {
        try target.integrate(Array(changes.prefix(2)))
        var annotation = changes[2]
        annotation.entity = changes[0].entity
        try expectRefused([annotation], at: 0, .malformedChange)
    }
}

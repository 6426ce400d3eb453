import MarginaliaCore
import Testing

/// The receiver's rules, as every receiver (a replica, a hub) applies them.
@Suite("ChangeAdmission")
struct ChangeAdmissionTests {
    let a = Fixture.a, b = Fixture.b, receiver = Fixture.c

    private func titled(_ replica: ReplicaID, _ counter: UInt64, _ title: String, context: VersionVector = VersionVector())
        -> Change
    {
        Fixture.change(replica, counter, fields: [.title: .text(title)], context: context)
    }

    private func rejection(_ change: Change, knowing knowledge: VersionVector) -> ChangeRejection? {
        do {
            _ = try ChangeAdmission(receiver: receiver, knowledge: knowledge).classify(change)
            return nil
        } catch {
            return error
        }
    }

    @Test func admitsTheNextChangeOfAnOriginWhoseContextIsHeld() throws {
        let change = titled(a, 3, "Hà Nội mùa thu", context: Fixture.vector([(a, 2), (b, 1)]))
        let admission = ChangeAdmission(receiver: receiver, knowledge: Fixture.vector([(a, 2), (b, 1)]))
        #expect(try admission.classify(change) == .new)
    }

    @Test func aHeldDotIsLeftToTheCallerToCompare() throws {
        let admission = ChangeAdmission(receiver: receiver, knowledge: Fixture.vector([(a, 2)]))
        #expect(try admission.classify(titled(a, 1, "Sài Gòn")) == .alreadyHeld)
        // Held in the receiver's own name is held too, not forged: its own change, echoed back.
        let own = ChangeAdmission(receiver: receiver, knowledge: Fixture.vector([(receiver, 1)]))
        #expect(try own.classify(titled(receiver, 1, "Huế")) == .alreadyHeld)
    }

    @Test func recordingAChangeAdmitsTheNextOfTheSameBatch() throws {
        var admission = ChangeAdmission(receiver: receiver, knowledge: VersionVector())
        let first = titled(a, 1, "Đà Lạt")
        let second = titled(b, 1, "Phố cổ", context: Fixture.vector([(a, 1)]))
        #expect(rejection(second, knowing: admission.knowledge)?.code == .causalityViolation)
        #expect(try admission.classify(first) == .new)
        admission.record(first)
        #expect(try admission.classify(second) == .new)
        #expect(try admission.classify(first) == .alreadyHeld)
        #expect(admission.knowledge == Fixture.vector([(a, 1)]))
    }

    @Test func refusesAChangeInTheReceiversNameItNeverMade() {
        let forged = titled(receiver, 3, "giả mạo")
        #expect(rejection(forged, knowing: Fixture.vector([(receiver, 2)])) == ChangeRejection(
            .forgedOrigin, "change \(receiver):3 claims this replica, which has made only 2 changes"))
    }

    @Test func refusesAGapInAnOriginsCounters() {
        #expect(rejection(titled(a, 3, "Cần Thơ"), knowing: Fixture.vector([(a, 1)])) == ChangeRejection(
            .nonContiguous, "change \(a):3 arrived but the next expected from \(a) is 2"))
    }

    @Test func refusesAChangeWhoseContextIsNotHeld() {
        let change = titled(a, 1, "Nha Trang", context: Fixture.vector([(b, 2), (Fixture.d, 1)]))
        #expect(rejection(change, knowing: Fixture.vector([(b, 1)])) == ChangeRejection(
            .causalityViolation, "change \(a):1 depends on changes not received: \(b):2, \(Fixture.d):1"))
    }

    @Test func aDuplicateMustMatchTheHeldChange() throws {
        let held = titled(a, 1, "Hội An")
        try ChangeAdmission.confirmDuplicate(held, held: held)
        var altered = held
        altered.fields[.title] = .text("Hội An cổ")
        #expect(throws: ChangeRejection(.equivocation, "change \(a):1 differs from the one already held under that dot")) {
            try ChangeAdmission.confirmDuplicate(altered, held: held)
        }
    }
}

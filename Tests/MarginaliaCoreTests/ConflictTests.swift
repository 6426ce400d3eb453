import MarginaliaCore
import Testing

/// The conflicts an entity's own registers hold, how they are named, and the one order
/// their values are numbered in.
@Suite("Conflict")
struct ConflictTests {
    let a = Fixture.a, b = Fixture.b, c = Fixture.c

    private var creation: Change {
        Fixture.change(a, 1, fields: [.title: .text("Tựa"), .body: .text("Thân"), .alive: .flag(true)])
    }

    @Test func anEntityHoldsItsContestedExistenceAndEachConflictedField() {
        let created = VersionVector([a: 1])
        let state = Fixture.article([
            creation,
            Fixture.change(b, 1, lamport: 2, fields: [.title: .text("B"), .body: .text("B"), .alive: .flag(true)], context: created),
            Fixture.change(c, 1, lamport: 2, fields: [.title: .text("C"), .alive: .flag(false)], context: created),
            Fixture.change(a, 2, lamport: 2, fields: [.body: .text("A"), .tag("x"): .flag(true)], context: created),
        ])
        #expect(state.existence == .contested)
        #expect(state.conflicts == [.alive, .body, .title].map { Conflict.ID(entity: Fixture.article, field: $0) })
        #expect(state.conflicts == state.conflicts.sorted())
    }

    @Test func equalValuesAndTagsAreNoConflict() {
        let created = VersionVector([a: 1])
        let state = Fixture.article([
            creation,
            Fixture.change(b, 1, lamport: 2, fields: [.title: .text("Cùng"), .tag("x"): .flag(false)], context: created),
            Fixture.change(c, 1, lamport: 2, fields: [.title: .text("Cùng"), .tag("x"): .flag(true)], context: created),
        ])
        #expect(state.conflicts.isEmpty)
    }

    /// The displayed value first, then by falling Lamport timestamp, equal ones by
    /// falling replica id: the register's display pick, whatever order they arrive in.
    @Test func valuesAreOrderedAsTheRegisterDisplaysThem() {
        let values = [(a, 3), (c, 2), (b, 2), (a, 1)].map { replica, lamport in
            CompetingValue(
                dot: Dot(replica: replica, counter: UInt64(lamport)), lamport: UInt64(lamport), replicaName: nil, time: 0,
                value: .text("\(replica)"))
        }
        let expected = [values[0], values[1], values[2], values[3]]
        for shuffled in [values, values.reversed(), [values[2], values[0], values[3], values[1]]] {
            #expect(shuffled.sorted(by: Conflict.valueOrder) == expected)
        }
    }

    @Test func userFieldsAreTheFieldsOfTheKindThatCanConflict() {
        for kind in EntityKind.allCases {
            let candidates: [FieldName] = [.title, .body, .source, .article, .anchor, .note, .alive, .tag("x")]
            #expect(Set(kind.userFields) == Set(candidates.filter { kind.accepts($0) && $0.isUserField }))
        }
    }
}

import MarginaliaCore
import Testing

@Suite("EntityState")
struct EntityStateTests {
    let a = Fixture.a, b = Fixture.b, c = Fixture.c

    private var creation: Change {
        Fixture.change(a, 1, time: 100, fields: [
            .title: .text("Title"), .body: .text("Body"), .source: .text("https://example.org"),
            .alive: .flag(true),
        ])
    }

    @Test func freshStateHasNoValues() {
        let state = EntityState(id: Fixture.article, kind: .article)
        #expect(state.registers.isEmpty)
        #expect(state.value(.title) == nil)
        #expect(state.register(.body).isEmpty)
        #expect(state.tags.isEmpty)
        #expect(state.conflictedFields.isEmpty)
    }

    @Test func creationWritesEveryFieldThroughItsRegister() {
        let state = Fixture.article([creation])
        #expect(Set(state.registers.keys) == [.title, .body, .source, .alive])
        #expect(state.value(.title) == .text("Title"))
        #expect(state.value(.body) == .text("Body"))
        #expect(state.value(.source) == .text("https://example.org"))
        #expect(state.existence == .live)
        #expect(state.existence.isVisible)
        #expect(state.conflictedFields.isEmpty)
        #expect(state.firstTime == 100 && state.lastTime == 100)
        #expect(state.register(.title).siblings == [
            Sibling(dot: Fixture.dot(a, 1), lamport: 1, value: .text("Title")),
        ])
    }

    @Test func sequentialEditReplacesOnlyTheFieldsItWrites() {
        let edit = Fixture.change(
            b, 1, lamport: 2, time: 200, fields: [.title: .text("New"), .alive: .flag(true)],
            context: VersionVector([a: 1]))
        let state = Fixture.article([creation, edit])
        #expect(state.value(.title) == .text("New"))
        #expect(state.value(.body) == .text("Body"))
        #expect(state.register(.title).siblings.count == 1)
        #expect(state.conflictedFields.isEmpty)
        #expect(state.existence == .live)
        #expect(state.firstTime == 100 && state.lastTime == 200)
    }

    @Test func concurrentEditsOfTheSameFieldConflict() {
        let edits = [
            Fixture.change(b, 1, lamport: 2, fields: [.title: .text("B"), .alive: .flag(true)], context: VersionVector([a: 1])),
            Fixture.change(c, 1, lamport: 2, fields: [.title: .text("C"), .alive: .flag(true)], context: VersionVector([a: 1])),
        ]
        let state = Fixture.article([creation] + edits)
        #expect(state.conflictedFields == [.title])
        #expect(state.value(.title) == .text("C"))  // same Lamport, higher replica
        #expect(state.register(.title).distinctValues == [.text("C"), .text("B")])
        #expect(state.existence == .live)  // two concurrent `alive = true` are not a conflict
        #expect(Fixture.article([creation] + edits.reversed()) == state)
    }

    @Test func concurrentEqualValuesAreNotAConflict() {
        let state = Fixture.article([
            creation,
            Fixture.change(b, 1, lamport: 2, fields: [.title: .text("Same")], context: VersionVector([a: 1])),
            Fixture.change(c, 1, lamport: 2, fields: [.title: .text("Same")], context: VersionVector([a: 1])),
        ])
        #expect(state.register(.title).siblings.count == 2)
        #expect(state.conflictedFields.isEmpty)
        #expect(state.value(.title) == .text("Same"))
    }

    @Test func conflictedFieldsAreSortedByName() {
        let state = Fixture.article([
            creation,
            Fixture.change(b, 1, lamport: 2, fields: [.title: .text("B"), .body: .text("B"), .source: .none], context: VersionVector([a: 1])),
            Fixture.change(c, 1, lamport: 2, fields: [.title: .text("C"), .body: .text("C"), .source: .text("s")], context: VersionVector([a: 1])),
        ])
        #expect(state.conflictedFields == [.body, .source, .title])
    }

    @Test func deleteThatSawEverythingDeletes() {
        let delete = Fixture.change(b, 1, lamport: 2, fields: [.alive: .flag(false)], context: VersionVector([a: 1]))
        #expect(delete.isDeletion)
        #expect(!creation.isDeletion)
        let state = Fixture.article([creation, delete])
        #expect(state.existence == .deleted)
        #expect(!state.existence.isVisible)
        #expect(state.conflictedFields.isEmpty)
    }

    @Test func editConcurrentWithDeleteIsContestedNotAFieldConflict() {
        let delete = Fixture.change(b, 1, lamport: 2, fields: [.alive: .flag(false)], context: VersionVector([a: 1]))
        let edit = Fixture.change(c, 1, lamport: 2, fields: [.title: .text("Edited"), .alive: .flag(true)], context: VersionVector([a: 1]))
        let state = Fixture.article([creation, delete, edit])
        #expect(state.existence == .contested)
        #expect(state.existence.isVisible)
        #expect(state.conflictedFields.isEmpty)
        #expect(state.register(.alive).isConflicted)
        #expect(Fixture.article([creation, edit, delete]) == state)

        // A later delete that saw both settles it.
        let settle = Fixture.change(a, 2, lamport: 3, fields: [.alive: .flag(false)], context: VersionVector([a: 1, b: 1, c: 1]))
        #expect(Fixture.article([creation, delete, edit, settle]).existence == .deleted)
        // So does a later edit that saw both (a restore).
        let restore = Fixture.change(a, 2, lamport: 3, fields: [.alive: .flag(true)], context: VersionVector([a: 1, b: 1, c: 1]))
        #expect(Fixture.article([creation, delete, edit, restore]).existence == .live)
    }

    @Test func concurrentDeletesStayDeleted() {
        let state = Fixture.article([
            creation,
            Fixture.change(b, 1, lamport: 2, fields: [.alive: .flag(false)], context: VersionVector([a: 1])),
            Fixture.change(c, 1, lamport: 2, fields: [.alive: .flag(false)], context: VersionVector([a: 1])),
        ])
        #expect(state.existence == .deleted)
    }

    @Test func tagsFormAnAddWinsSet() {
        let addX = Fixture.change(a, 2, lamport: 2, fields: [.tag("x"): .flag(true), .tag("y"): .flag(true)], context: VersionVector([a: 1]))
        var state = Fixture.article([creation, addX])
        #expect(state.tags == ["x", "y"])

        // b removes x having seen the add; c concurrently re-adds x: add wins.
        let removeX = Fixture.change(b, 1, lamport: 3, fields: [.tag("x"): .flag(false)], context: VersionVector([a: 2]))
        let addXAgain = Fixture.change(c, 1, lamport: 3, fields: [.tag("x"): .flag(true)], context: VersionVector([a: 2]))
        state.apply(removeX)
        #expect(state.tags == ["y"])
        state.apply(addXAgain)
        #expect(state.tags == ["x", "y"])
        #expect(state.register(.tag("x")).isConflicted)
        #expect(state.conflictedFields.isEmpty)

        // A removal that saw both adds removes the tag.
        state.apply(Fixture.change(a, 3, lamport: 4, fields: [.tag("x"): .flag(false)], context: VersionVector([a: 2, b: 1, c: 1])))
        #expect(state.tags == ["y"])
        #expect(state.register(.tag("x")).siblings.count == 1)
    }

    @Test func tagsAreSorted() {
        let state = Fixture.article([
            Fixture.change(a, 1, fields: [.tag("zeta"): .flag(true), .tag("Alpha"): .flag(true), .tag("mid"): .flag(true), .tag("gone"): .flag(false)]),
        ])
        #expect(state.tags == ["Alpha", "mid", "zeta"])
    }

    @Test func timesAreMinAndMaxWhateverTheOrder() {
        let changes = [
            Fixture.change(a, 1, time: 500, fields: [.title: .text("1")]),
            Fixture.change(b, 1, time: 100, fields: [.body: .text("2")]),
            Fixture.change(c, 1, time: 900, fields: [.source: .none]),
        ]
        for order in permutations(changes) {
            let state = Fixture.article(order)
            #expect(state.firstTime == 100)
            #expect(state.lastTime == 900)
        }
    }

    @Test func restoredStateEqualsAppliedState() {
        let state = Fixture.article([creation])
        let restored = EntityState(
            id: state.id, kind: state.kind, registers: state.registers,
            firstTime: state.firstTime, lastTime: state.lastTime)
        #expect(restored == state)
    }

    @Test func articleSnapshotShowsWinnersAndRevision() {
        let edit = Fixture.change(b, 1, lamport: 2, time: 300, fields: [.body: .text("B body"), .source: .none, .tag("t"): .flag(true)], context: VersionVector([a: 1]))
        let rival = Fixture.change(c, 1, lamport: 2, time: 250, fields: [.body: .text("C body")], context: VersionVector([a: 1]))
        let snapshot = ArticleSnapshot(Fixture.article([creation, edit, rival]))
        #expect(snapshot.id == Fixture.article)
        #expect(snapshot.title == "Title")
        #expect(snapshot.body == "C body")
        #expect(snapshot.bodyRevision == Fixture.dot(c, 1))
        #expect(snapshot.source == nil)
        #expect(snapshot.tags == ["t"])
        #expect(snapshot.existence == .live)
        #expect(snapshot.conflictedFields == [.body])
        #expect(snapshot.created == 100)
        #expect(snapshot.updated == 300)
    }

    @Test func emptyArticleSnapshotDefaults() {
        let snapshot = ArticleSnapshot(Fixture.article([Fixture.change(a, 1, fields: [.alive: .flag(true)])]))
        #expect(snapshot.title == "")
        #expect(snapshot.body == "")
        #expect(snapshot.bodyRevision == nil)
        #expect(snapshot.source == nil)
    }

    @Test func annotationSnapshot() throws {
        let anchor = Anchor(start: 0, end: 4, quote: "Body", prefix: "", suffix: "", revision: Fixture.dot(a, 1))
        var state = EntityState(id: Fixture.annotation, kind: .annotation)
        state.apply(Fixture.change(
            b, 1, time: 42, entity: Fixture.annotation, kind: .annotation,
            fields: [.article: .reference(Fixture.article), .anchor: .anchor(anchor), .alive: .flag(true), .tag("q"): .flag(true)]))
        var snapshot = AnnotationSnapshot(state)
        #expect(snapshot.id == Fixture.annotation)
        #expect(snapshot.article == Fixture.article)
        #expect(snapshot.anchor == anchor)
        #expect(snapshot.note == "")
        #expect(snapshot.tags == ["q"])
        #expect(snapshot.existence == .live)
        #expect(snapshot.created == 42 && snapshot.updated == 42)

        state.apply(Fixture.change(
            b, 2, time: 43, entity: Fixture.annotation, kind: .annotation,
            fields: [.note: .text("a note")], context: VersionVector([b: 1])))
        snapshot = AnnotationSnapshot(state)
        #expect(snapshot.note == "a note")
        #expect(snapshot.updated == 43)
    }

    @Test func snapshotsRestoredFromColumnsEqualDerivedOnes() {
        let article = ArticleSnapshot(Fixture.article([creation]))
        let restoredArticle = ArticleSnapshot(
            id: article.id, title: article.title, body: article.body, bodyRevision: article.bodyRevision,
            source: article.source, tags: article.tags, existence: article.existence,
            conflictedFields: article.conflictedFields, created: article.created, updated: article.updated)
        #expect(restoredArticle == article)

        var state = EntityState(id: Fixture.annotation, kind: .annotation)
        state.apply(Fixture.change(
            a, 1, entity: Fixture.annotation, kind: .annotation,
            fields: [.article: .reference(Fixture.article), .note: .text("n"), .alive: .flag(true)]))
        let annotation = AnnotationSnapshot(state)
        let restoredAnnotation = AnnotationSnapshot(
            id: annotation.id, article: annotation.article, anchor: annotation.anchor, note: annotation.note,
            tags: annotation.tags, existence: annotation.existence, conflictedFields: annotation.conflictedFields,
            created: annotation.created, updated: annotation.updated)
        #expect(restoredAnnotation == annotation)
    }

    @Test func kindsAcceptTheirFields() {
        for field in [FieldName.title, .body, .source, .alive, .tag("x")] {
            #expect(EntityKind.article.accepts(field))
        }
        for field in [FieldName.article, .anchor, .note, .alive, .tag("x")] {
            #expect(EntityKind.annotation.accepts(field))
        }
        for field in [FieldName.article, .anchor, .note] {
            #expect(!EntityKind.article.accepts(field))
        }
        for field in [FieldName.title, .body, .source] {
            #expect(!EntityKind.annotation.accepts(field))
        }
    }
}

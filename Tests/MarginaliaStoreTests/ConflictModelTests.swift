import GRDB
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// The one model of open conflicts: the three kinds listed and counted by the same
/// query, each named by a `Conflict.ID`, and settled by the rules of `LocalEditor.resolve`.
@Suite struct ConflictModelTests {
    let directory: TemporaryDirectory
    let laptop: Replica
    let office: Replica
    let article: EntityID

    init() throws {
        directory = try TemporaryDirectory()
        (laptop, office, article) = try ReplicaFixtures.sharedArticle(in: directory)
    }

    /// A title conflict on `article`, an edit of a second article concurrent with its
    /// deletion, and an annotation made on a third while it was deleted elsewhere.
    private func threeKinds() throws -> (contested: EntityID, late: EntityID, deleted: EntityID) {
        let (contested, deleted) = try laptop.edit { editor in
            (try editor.addArticle(title: "Cầu Long Biên", body: "Cầu bắc qua sông Hồng."),
             try editor.addArticle(title: "Hồ Gươm", body: "Hồ ở giữa phố cổ."))
        }
        try ReplicaFixtures.exchange(laptop, office)
        try laptop.edit { editor in
            try editor.editArticle(article, title: "Mưa lũ ở Hà Nội")
            try editor.deleteArticle(contested)
            try editor.deleteArticle(deleted)
        }
        let late = try office.edit { editor in
            try editor.editArticle(article, title: "Hà Nội ngập")
            try editor.editArticle(contested, title: "Cầu Long Biên cũ")
            return try editor.annotate(deleted, at: .quote("phố cổ", occurrence: nil), note: "đi bộ")
        }
        try ReplicaFixtures.exchange(laptop, office)
        return (contested, late, deleted)
    }

    @Test func theThreeKindsAreListedAndCountedAlike() throws {
        let (contested, late, deleted) = try threeKinds()
        let expected = [
            Conflict.ID(entity: article, field: .title), Conflict.ID(entity: contested, field: .alive),
            Conflict.ID(entity: late, field: .alive),
        ].sorted()
        for replica in [laptop, office] {
            let conflicts = try replica.conflicts()
            #expect(conflicts.map(\.id) == expected)
            #expect(try replica.openConflictIDs() == Set(expected))
            #expect(try replica.openConflictCount() == 3 && replica.status().openConflicts == 3)
            for conflict in conflicts {
                switch conflict.kind {
                case .field(.title, let values): #expect(values.count == 2 && conflict.entity == article)
                case .editedWhileDeleted(let values): #expect(values.count == 2 && conflict.entity == contested)
                case .annotationOnDeletedArticle(let on): #expect(on == deleted && conflict.entity == late)
                default: Issue.record("unexpected \(conflict)")
                }
                #expect(try replica.conflict(conflict.id) == conflict)
            }
        }
        #expect(try laptop.verify().isConsistent)
        #expect(try ReplicaFixtures.state(of: laptop) == ReplicaFixtures.state(of: office))
    }

    /// The stored form: one row per conflict of an entity's own registers, none counted
    /// by splitting text, and `existence` holding only the states of `Existence`.
    @Test func conflictsAreRowsAndExistenceIsChecked() throws {
        let (contested, _, _) = try threeKinds()
        let rows = try Replica.connect(path: laptop.path).read { db in
            try Row.fetchAll(db, sql: "SELECT entity, field FROM entity_conflicts ORDER BY entity, field")
                .map { "\($0[0] as String) \($0[1] as String)" }
        }
        #expect(rows == ["\(article) title", "\(contested) alive"].sorted())
        #expect(throws: DatabaseError.self) {
            try Replica.connect(path: laptop.path).write { db in
                try db.execute(sql: "UPDATE articles SET existence = 'gone' WHERE id = ?", arguments: [article.rawValue])
            }
        }
    }

    /// Values are numbered in `Conflict.valueOrder`, the same on every replica: the
    /// displayed one first, then by falling Lamport timestamp and replica id.
    @Test func valuesAreInTheSameOrderEverywhere() throws {
        let third = try Replica.fixture("third", in: directory)
        try ReplicaFixtures.exchange(laptop, third)
        try laptop.edit { try $0.editArticle(article, title: "Một") }
        try office.edit { try $0.editArticle(article, title: "Hai") }
        try third.edit { editor in
            try editor.editArticle(article, body: "Thân bài mới.")
            try editor.editArticle(article, title: "Ba")
        }
        try ReplicaFixtures.exchange(laptop, office)
        try ReplicaFixtures.exchange(office, third)
        try ReplicaFixtures.exchange(laptop, office)
        let orders = try [laptop, office, third].map { replica in
            try #require(try replica.conflicts(of: article).first { $0.field == .title }).values
        }
        #expect(orders[0].count == 3 && Set(orders.map { $0.map(\.dot) }).count == 1)
        // "Ba" was written last (a higher Lamport timestamp); the two before it tie, and the greater replica id comes first.
        let tied = [(laptop.id, "Một"), (office.id, "Hai")].sorted { $0.0 > $1.0 }.map { FieldValue.text($0.1) }
        #expect(orders[0].map(\.value) == [.text("Ba")] + tied)
        #expect(orders[0].first?.value.text == (try laptop.articleDetail(article).article.title))
    }

    @Test func takeOursAndTheirsWriteTheValueTheyName() throws {
        try laptop.edit { try $0.editArticle(article, title: "Của laptop") }
        try office.edit { try $0.editArticle(article, title: "Của office") }
        try ReplicaFixtures.exchange(laptop, office)
        let title = Conflict.ID(entity: article, field: .title)
        let values = try #require(try laptop.conflict(title)).values
        let ours = try laptop.edit { try $0.resolve(title, by: .ours) }
        #expect(ours == .took(try #require(values.first { $0.dot.replica == laptop.id })))
        #expect(try laptop.articleDetail(article).article.title == "Của laptop")
        #expect(try laptop.conflict(title) == nil)
        // On office, before it hears of that: its "theirs" is laptop's value, and value 2 is the second listed.
        guard case .took(let theirs) = try office.edit({ try $0.resolve(title, by: .theirs) }) else {
            Issue.record("--theirs wrote no competing value")
            return
        }
        #expect(theirs.dot.replica == laptop.id && theirs.value == .text("Của laptop"))
        #expect(throws: ReplicaError.notInConflict(article, kind: .article, field: .title)) {
            try office.edit { try $0.resolve(title, by: .take(2)) }
        }
        try ReplicaFixtures.exchange(laptop, office)
        // Both chose the same value at once: equal values are no conflict.
        #expect(try laptop.conflicts().isEmpty && office.conflicts().isEmpty)
    }

    @Test func resolutionsThatDoNotFitAreRefusedWithNothingWritten() throws {
        let (contested, late, _) = try threeKinds()
        let title = Conflict.ID(entity: article, field: .title)
        let before = try ReplicaFixtures.state(of: laptop)
        #expect(throws: ReplicaError.noSuchValue(title, kind: .article, number: 3, count: 2)) {
            try laptop.edit { try $0.resolve(title, by: .take(3)) }
        }
        #expect(throws: ReplicaError.self) { try laptop.edit { try $0.resolve(title, by: .keep) } }
        #expect(throws: ReplicaError.self) {
            try laptop.edit { try $0.resolve(Conflict.ID(entity: contested, field: .alive), by: .ours) }
        }
        #expect(throws: ReplicaError.noSuchValue(Conflict.ID(entity: late, field: .alive), kind: .annotation, number: 3, count: 2)) {
            try laptop.edit { try $0.resolve(Conflict.ID(entity: late, field: .alive), by: .take(3)) }
        }
        #expect(throws: ReplicaError.notContested(article, kind: .article)) {
            try laptop.edit { try $0.resolve(Conflict.ID(entity: article, field: .alive), by: .keep) }
        }
        #expect(try ReplicaFixtures.state(of: laptop) == before)
    }

    @Test func keepAndDeleteSettleExistence() throws {
        let (contested, late, deleted) = try threeKinds()
        // Value N of an edit concurrent with a delete: a true keeps, a false deletes.
        let alive = try #require(try laptop.conflict(Conflict.ID(entity: contested, field: .alive))).values
        let keeping = try #require(alive.firstIndex { $0.value == .flag(true) }) + 1
        #expect(try laptop.edit { try $0.resolve(Conflict.ID(entity: contested, field: .alive), by: .take(keeping)) } == .kept)
        #expect(try laptop.edit { try $0.resolve(Conflict.ID(entity: late, field: .alive), by: .keep) } == .kept)
        #expect(try laptop.isVisibleArticle(contested) && laptop.isVisibleArticle(deleted))
        #expect(try laptop.conflicts().map(\.id) == [Conflict.ID(entity: article, field: .title)])
        try ReplicaFixtures.exchange(laptop, office)
        #expect(try office.edit { try $0.resolve(Conflict.ID(entity: article, field: .title), by: .take(1)) } != .deleted)
        try ReplicaFixtures.exchange(laptop, office)
        #expect(try laptop.openConflictCount() == 0 && office.openConflictCount() == 0)
    }

    /// More than two texts: this replica's first, then the others as listed, merged in turn.
    @Test func threeTextsMergeInTurn() throws {
        let third = try Replica.fixture("third", in: directory)
        let body = "Một. Hai. Ba. Bốn. Năm. Sáu."
        try laptop.edit { try $0.editArticle(article, body: body) }
        try ReplicaFixtures.exchange(laptop, office)
        try ReplicaFixtures.exchange(laptop, third)
        try laptop.edit { try $0.editArticle(article, body: body.replacingOccurrences(of: "Hai", with: "HAI")) }
        try office.edit { try $0.editArticle(article, body: body.replacingOccurrences(of: "Bốn", with: "BỐN")) }
        try third.edit { try $0.editArticle(article, body: body.replacingOccurrences(of: "Sáu", with: "SÁU")) }
        try ReplicaFixtures.exchange(office, third)
        try ReplicaFixtures.exchange(laptop, office)
        let conflict = try #require(try laptop.conflict(Conflict.ID(entity: article, field: .body)))
        guard case .clean(let merged) = try laptop.merge(conflict) else {
            Issue.record("the merge of three texts changing different sentences conflicted")
            return
        }
        #expect(merged == "Một. HAI. Ba. BỐN. Năm. SÁU.")
        #expect(throws: ReplicaError.self) {
            try laptop.merge(Conflict(id: Conflict.ID(entity: article, field: .alive), entityKind: .article, label: "",
                                      kind: .editedWhileDeleted([])))
        }
    }
}

import MarginaliaCore
import Testing

@Suite("FieldEdit")
struct FieldEditTests {
    typealias F = Fixture

    @Test func aChangeIsComparedWithWhatItsAuthorSaw() {
        let created = F.change(F.a, 1, fields: [.alive: .flag(true), .title: .text("Mưa lớn"), .body: .text("một")])
        let retitled = F.change(F.a, 2, fields: [.title: .text("Mưa rất lớn")], context: F.vector([(F.a, 1)]))
        // Concurrent with the retitle: its author saw only the creation.
        let edited = F.change(F.b, 1, lamport: 2, fields: [.alive: .flag(true), .title: .text("Ngập sâu"), .source: .text("s")],
                              context: F.vector([(F.a, 1)]))
        let log = [created, retitled, edited]
        #expect(FieldEdit.made(by: created, in: log) == [
            FieldEdit(field: .body, before: nil, after: .text("một")), FieldEdit(field: .title, before: nil, after: .text("Mưa lớn")),
        ])
        #expect(FieldEdit.made(by: retitled, in: log) == [FieldEdit(field: .title, before: .text("Mưa lớn"), after: .text("Mưa rất lớn"))])
        #expect(FieldEdit.made(by: edited, in: log) == [
            FieldEdit(field: .source, before: nil, after: .text("s")),
            FieldEdit(field: .title, before: .text("Mưa lớn"), after: .text("Ngập sâu")),
        ])
    }

    /// A change made while its author saw two values side by side (a resolution) is
    /// compared with each of them, the displayed one first, as `git log -c` compares a
    /// merge with each parent; a value seen twice is compared once.
    @Test func aResolutionIsComparedWithEachValueItReplaced() {
        let created = F.change(F.a, 1, fields: [.alive: .flag(true), .body: .text("mưa 135 mm, 45 xe bơm")])
        let mine = F.change(F.a, 2, fields: [.body: .text("mưa 137 mm, 45 xe bơm")], context: F.vector([(F.a, 1)]))
        let theirs = F.change(F.b, 1, lamport: 2, fields: [.body: .text("mưa 135 mm, 52 xe bơm")], context: F.vector([(F.a, 1)]))
        let merged = F.change(F.a, 3, lamport: 3, fields: [.body: .text("mưa 137 mm, 52 xe bơm")],
                              context: F.vector([(F.a, 2), (F.b, 1)]))
        let log = [created, mine, theirs, merged]
        // b's value is displayed (same Lamport, higher replica id), so it comes first.
        #expect(FieldEdit.made(by: merged, in: log) == [
            FieldEdit(field: .body, before: .text("mưa 135 mm, 52 xe bơm"), after: .text("mưa 137 mm, 52 xe bơm"), against: theirs.dot),
            FieldEdit(field: .body, before: .text("mưa 137 mm, 45 xe bơm"), after: .text("mưa 137 mm, 52 xe bơm"), against: mine.dot),
        ])
        // After the resolution the field has one value again.
        let later = F.change(F.b, 2, lamport: 4, fields: [.body: .text("mưa 137 mm, 52 xe")], context: F.vector([(F.a, 3), (F.b, 1)]))
        #expect(FieldEdit.made(by: later, in: log + [later]) == [
            FieldEdit(field: .body, before: .text("mưa 137 mm, 52 xe bơm"), after: .text("mưa 137 mm, 52 xe")),
        ])
        // Equal values written side by side are one value to compare with.
        let same = F.change(F.c, 1, lamport: 2, fields: [.body: .text("mưa 137 mm, 45 xe bơm")], context: F.vector([(F.a, 1)]))
        let settled = F.change(F.a, 3, lamport: 3, fields: [.body: .text("mưa 137 mm")], context: F.vector([(F.a, 2), (F.c, 1)]))
        #expect(FieldEdit.made(by: settled, in: [created, mine, same, settled]) == [
            FieldEdit(field: .body, before: .text("mưa 137 mm, 45 xe bơm"), after: .text("mưa 137 mm")),
        ])
    }

    /// An edit concurrent with a delete: what the editor's side changed that the
    /// deleter never saw, over all its changes, against what the deleter saw.
    @Test func anEditUnseenByADeletion() {
        let created = F.change(F.a, 1, fields: [.alive: .flag(true), .title: .text("Bài viết"), .body: .text("một hai ba")])
        let seenByBoth = F.change(F.a, 2, fields: [.alive: .flag(true), .body: .text("một hai ba bốn")], context: F.vector([(F.a, 1)]))
        let deletion = F.change(F.a, 3, fields: [.alive: .flag(false)], context: F.vector([(F.a, 2)]))
        let firstEdit = F.change(F.b, 1, lamport: 3, fields: [.alive: .flag(true), .title: .text("Giữ lại")], context: F.vector([(F.a, 2)]))
        let secondEdit = F.change(F.b, 2, lamport: 4, fields: [.alive: .flag(true), .body: .text("một hai ba bốn năm")],
                                  context: F.vector([(F.a, 2), (F.b, 1)]))
        let log = [created, seenByBoth, deletion, firstEdit, secondEdit]
        #expect(FieldEdit.unseen(by: deletion, madeBy: secondEdit, in: log) == [
            FieldEdit(field: .body, before: .text("một hai ba bốn"), after: .text("một hai ba bốn năm")),
            FieldEdit(field: .title, before: .text("Bài viết"), after: .text("Giữ lại")),
        ])
        // A restore only: nothing was edited.
        let restore = F.change(F.c, 1, lamport: 3, fields: [.alive: .flag(true)], context: F.vector([(F.a, 2)]))
        #expect(FieldEdit.unseen(by: deletion, madeBy: restore, in: log + [restore]) == [])
    }
}

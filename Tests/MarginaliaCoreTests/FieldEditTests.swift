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

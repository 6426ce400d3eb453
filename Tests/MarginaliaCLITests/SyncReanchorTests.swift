import Foundation
import Testing

/// Re-anchoring computed on each replica from the same log: annotations made against
/// an older body on one replica, while another edits it, land in the same place on
/// both after sync, with nothing derived exchanged.
@Suite("re-anchoring through sync")
struct SyncReanchorTests {
    @Test func concurrentEditAndAnnotateLandAlikeOnBothReplicas() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let a = try lab.replica("alpha")
        let b = try lab.replica("bravo")
        let body = "Mưa lớn kéo dài. Mực nước sông Tô Lịch dâng cao 🌧, đường Láng ngập."
        let article = try a.newID("add", "Hà Nội", "--body", body)
        try a.sync(b.path)

        let paragraph = "Tin mới nhất từ Hà Nội.\n\n"
        let file = lab.path("new-body.txt")
        try Data((paragraph + body).utf8).write(to: URL(fileURLWithPath: file))
        try a.ok("edit", article, "--body-file", file)
        let annotation = try b.newID("annotate", article, "--quote", "sông Tô Lịch", "--note", "đo lúc 6h")
        #expect(try b.json(AnnotationDoc.self, "show", annotation, "--json").status == "exact")

        try a.sync(b.path)
        try b.sync(a.path)
        try expectConverged([a, b])
        let start = paragraph.unicodeScalars.count + body.prefix { $0 != "s" }.unicodeScalars.count
        for node in [a, b] {
            let placed = try node.json(AnnotationDoc.self, "show", annotation, "--json")
            #expect((placed.status, placed.start, placed.end) == ("moved", start, start + 12), "\(node.name)")
            #expect(placed.anchoredStart == start - paragraph.unicodeScalars.count)
            let shown = try node.ok("show", article).lines
            #expect(shown.contains { $0.contains("[sông Tô Lịch]¹") }, "\(node.name): \(shown)")
        }
    }
}

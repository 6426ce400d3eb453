import Foundation
import Testing

/// Tags are kept as typed and found however they are typed.
@Suite("tag filters")
struct TagFilterTests {
    @Test func filtersIgnoreCaseAndDiacriticsAndTagsStayAsTyped() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let foreign = try sandbox.id("add", "Thủ tướng tiếp đại sứ", "--body", "Quan hệ hai nước.", "--tag", "Đối-ngoại")
        let eth = try sandbox.id("add", "ÐOÀN công tác", "--body", "Đoàn đến Hà Nội.", "--tag", "ÐỐI-NGOẠI")
        let flood = try sandbox.id("add", "Hà Nội ngập sâu", "--body", "Mực nước sông Tô Lịch dâng cao.", "--tag", "lũ")
        let note = try sandbox.id("annotate", flood, "--quote", "Mực nước", "--note", "đo lúc 6h", "--tag", "Đo-đạc")
        try sandbox.id("annotate", foreign, "--quote", "hai nước", "--tag", "lũ")

        let tagged = try sandbox.jsonLines(ArticleSummaryDoc.self, "ls", "--tag", "doi-ngoai", "--json")
        #expect(Set(tagged.map(\.id)) == [foreign, eth])
        #expect(Set(tagged.flatMap(\.tags)) == ["Đối-ngoại", "ÐỐI-NGOẠI"])
        #expect(try sandbox.ok("ls", "--tag", "Doi-Ngoai").lines.contains { $0.hasSuffix("Thủ tướng tiếp đại sứ  #Đối-ngoại  (1 annotation)") })
        #expect(try sandbox.ok("ls", "--tag", "doi").stdout == "")

        #expect(try sandbox.jsonLines(ArticleSummaryDoc.self, "ls", "--annotated", "--json").map(\.id) == [flood, foreign])
        #expect(try sandbox.jsonLines(ArticleSummaryDoc.self, "ls", "--annotated", "--tag", "LU", "--json").map(\.id) == [flood])

        #expect(try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--tag", "do-dac", "--json").map(\.id) == [note])
        #expect(try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--tag", "lu", "--json").map(\.article) == [foreign])
        #expect(try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--article", String(flood.prefix(6)), "--json")
            .map(\.id) == [note])
        try sandbox.expectUsageError("annotations", flood, "--article", flood, mentioning: "give the article once")
    }

    @Test func tagsListsEveryTagWithItsCounts() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let flood = try sandbox.id("add", "Hà Nội ngập sâu", "--body", "Mực nước dâng cao.", "--tag", "lũ", "--tag", "Đối-ngoại")
        try sandbox.id("add", "Cầu Long Biên", "--body", "Xe qua cầu.", "--tag", "lũ")
        try sandbox.id("annotate", flood, "--quote", "Mực nước", "--tag", "lũ", "--tag", "đo")
        let gone = try sandbox.id("add", "Bỏ", "--body", "x", "--tag", "deleted-only")
        try sandbox.ok("rm", gone)

        #expect(try sandbox.jsonLines(TagCountDoc.self, "tags", "--json") == [
            TagCountDoc(tag: "đo", articles: 0, annotations: 1),
            TagCountDoc(tag: "Đối-ngoại", articles: 1, annotations: 0),
            TagCountDoc(tag: "lũ", articles: 2, annotations: 1),
        ])
        #expect(try sandbox.ok("tags").lines == [
            "#đo         1 annotation",
            "#Đối-ngoại  1 article",
            "#lũ         2 articles, 1 annotation",
        ])
    }
}

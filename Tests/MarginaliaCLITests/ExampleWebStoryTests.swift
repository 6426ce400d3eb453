import Foundation
import Testing

@Suite("examples/web-story.sh")
struct ExampleWebStoryTests {
    @Test func everyHypothesisAnnotationLandsOnTheImportedPage() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (result, temporary) = try sandbox.runExample("web-story.sh")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "", "\(result)")

        let lines = result.lines
        // The windows-1258 page, decoded.
        #expect(lines.contains { $0.hasPrefix("Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập sâu") }, "\(result)")
        #expect(lines.contains("Hypothesis file: 3 created, 0 updated, 0 unchanged"), "\(result)")
        // Each annotation exactly on its words.
        for quote in [
            "“lượng mưa đo được trong khoảng 22 giờ – 4 giờ sáng đạt 135,…”", "“mực nước trên sông Tô Lịch lúc 6 giờ sáng đã lên tới 4,15 m”",
            "“1.200 công nhân cùng 45 xe bơm”",
        ] {
            #expect(lines.contains { $0.contains("  exact  ") && $0.contains(quote) }, "\(quote)\n\(result)")
        }
        let article = try #require(lines.firstIndex(of: "== import the page by its address").map { lines[$0 + 1] })
        #expect(Sandbox.isID(article), "\(result)")
        #expect(lines.contains { $0.hasSuffix("is already imported as \(article.prefix(8)); use --again to import a new copy") },
                "\(result)")
        #expect(lines.last == "(exit status 1)")
        // The script's temporary folder is gone, and the server with it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    }
}

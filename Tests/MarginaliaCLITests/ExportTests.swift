import Foundation
import Testing

/// `export ID --format md|html`: the article with its annotations, as Markdown
/// footnotes and as a standalone page checked in headless Chromium.
@Suite("Export")
struct ExportTests {
    static let body = "Mưa lớn 🌧️ kéo dài, mực nước sông Hồng dâng cao.\n\nNgười dân <ven sông> & \"chính quyền\" lo lắng."

    /// An article with overlapping and nested highlights, and text that needs escaping.
    private static func article(_ sandbox: Sandbox) throws -> String {
        let article = try sandbox.id("add", "Lũ <sông> Hồng", "--body", body, "--source", "https://example.vn/lu?a=1&b=2")
        try sandbox.id("annotate", article, "--quote", "mực nước sông Hồng", "--note", "<script>alert(1)</script>", "--tag", "flood")
        try sandbox.id("annotate", article, "--quote", "sông Hồng dâng cao", "--note", "Dòng hai\nvà ba")
        try sandbox.id("annotate", article, "--quote", "Hồng")
        try sandbox.id("annotate", article, "--quote", "<ven sông> & \"chính quyền\"", "--note", "Đúng 🙂")
        return article
    }

    @Test func markdownPutsFootnotesAfterTheHighlightedSpans() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try Self.article(sandbox)
        let markdown = try sandbox.ok("export", article, "--format", "md").stdout
        #expect(markdown == """
            # Lũ \\<sông> Hồng

            Source: <https://example.vn/lu?a=1&b=2>

            Mưa lớn 🌧️ kéo dài, mực nước sông Hồng[^1][^3] dâng cao[^2].

            Người dân \\<ven sông> & "chính quyền"[^4] lo lắng.

            [^1]: “mực nước sông Hồng”

                \\<script>alert(1)\\</script>

                Tags: #flood

            [^2]: “sông Hồng dâng cao”

                Dòng hai

                và ba

            [^3]: “Hồng”

            [^4]: “\\<ven sông> & "chính quyền"”

                Đúng 🙂

            """)
    }

    /// A news article as people paste it: paragraphs and a photo caption on lines of
    /// their own, one newline apart. A renderer must show each as its own paragraph.
    @Test func eachLineOfTheBodyRendersAsItsOwnParagraph() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let lines = [
            "Mực nước sông Hồng tại Hà Nội lên nhanh trong đêm qua.",
            "Ảnh: Người dân ven sông dọn đồ lên cao — Ảnh: Ngọc Thành",
            "Theo Trung tâm Dự báo, đỉnh lũ sẽ đạt mức báo động 2 vào chiều nay…",
            "“Chúng tôi đã sẵn sàng,” ông Đặng Văn Hùng nói.",
        ]
        let article = try sandbox.id("add", "Lũ sông Hồng", "--body", lines.joined(separator: "\n"))
        try sandbox.id("annotate", article, "--quote", "đỉnh lũ", "--note", "<b>kiểm tra</b> lại\nvới số liệu & nguồn")
        let markdown = try sandbox.write("lu.md", try sandbox.ok("export", article, "--format", "md").stdout)

        let rendered = try SystemTool.commonMark.run(["--extension", "footnotes", markdown])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let paragraphs = rendered.stdout.split(separator: "\n").filter { $0.hasPrefix("<p>") }.map {
            // Footnote references and back links are the renderer's; the text is ours.
            String($0).replacingOccurrences(of: ##"<sup.*?</sup>|\s*<a href="#fnref.*?</a>"##, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"</?p>"#, with: "", options: .regularExpression)
        }
        #expect(paragraphs == lines + ["“đỉnh lũ”", "&lt;b&gt;kiểm tra&lt;/b&gt; lại", "với số liệu &amp; nguồn"])
    }

    @Test func theHTMLPageShowsTheHighlightsAndTheMarginNotesInChromium() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try Self.article(sandbox)
        let page = sandbox.work.appendingPathComponent("lu.html")
        try sandbox.ok("export", article, "--format", "html", "--lang", "vi", "--output", page.path)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(!html.contains("<script>alert"))

        let wide = try Chromium.check(page: html, script: Self.pageCheck, width: 1280, in: sandbox.work)
        let quotes = ["mực nước sông Hồng", "sông Hồng dâng cao", "Hồng", "<ven sông> & \"chính quyền\""]
        let marks = try #require(wide["marks"] as? [String: String])
        #expect((1...4).map { scalars(marks["\($0)"] ?? "") } == quotes.map(scalars))
        let notes = try #require(wide["notes"] as? [String: String])
        #expect(notes["1"]?.contains("<script>alert(1)</script>") == true)
        #expect(notes["1"]?.contains("#flood") == true)
        #expect(notes["2"]?.contains("Dòng hai\nvà ba") == true)
        #expect(notes["4"]?.contains("Đúng 🙂") == true)
        #expect(wide["title"] as? String == "Lũ <sông> Hồng")
        #expect(wide["lang"] as? String == "vi")
        #expect(wide["nested"] as? Int == 3)  // "Hồng" lies inside both longer highlights
        #expect(wide["layout"] as? String == "grid")
        #expect(wide["besideText"] as? Bool == true, "the notes are in a margin beside the text on a wide screen")

        let narrow = try Chromium.check(page: html, script: Self.pageCheck, width: 420, in: sandbox.work)
        #expect(narrow["besideText"] as? Bool == false)
        #expect(narrow["belowText"] as? Bool == true, "the notes follow the text, as footnotes, on a narrow screen")
    }

    /// Run in the page: each annotation's marked text and note, the title, how deep marks
    /// nest, and where the CSS put the notes; left base64-encoded in `data-checked`.
    static let pageCheck = """
        (function () {
          const result = { marks: {}, notes: {}, title: document.title, lang: document.documentElement.lang };
          for (const mark of document.querySelectorAll('mark[data-annotation]')) {
            const n = mark.dataset.annotation;
            result.marks[n] = (result.marks[n] || '') + mark.textContent;
          }
          for (const note of document.querySelectorAll('.note')) {
            result.notes[note.dataset.annotation] = note.innerText;
          }
          result.nested = Math.max(...[...document.querySelectorAll('mark')].map(m => {
            let depth = 0; for (let e = m; e.tagName === 'MARK'; e = e.parentElement) depth++; return depth;
          }));
          const text = document.querySelector('.body').getBoundingClientRect();
          const margin = document.querySelector('.margin').getBoundingClientRect();
          result.layout = getComputedStyle(document.querySelector('.page')).display;
          result.besideText = margin.left >= text.right && margin.top < text.bottom;
          result.belowText = margin.top >= text.bottom;
          document.body.dataset.checked = btoa(unescape(encodeURIComponent(JSON.stringify(result))));
        })();
        """

    @Test func anUnwritableOutputFileFailsWithOneLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try Self.article(sandbox)
        let result = try sandbox.run("export", article, "--format", "html", "--output", "/nonexistent/dir/page.html")
        #expect(result.status == 73)
        #expect(result.stderr.hasPrefix("marginalia: cannot write /nonexistent/dir/page.html: "), "\(result)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

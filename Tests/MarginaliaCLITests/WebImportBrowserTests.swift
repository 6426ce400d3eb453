import Foundation
import Testing

/// "White space as a browser renders it", checked against a browser: every line `import`
/// extracts from an example page is, space for space, text headless Chromium renders
/// for that page (its `innerText`). The differences are the documented ones: a list
/// item's marker (the browser draws it, `innerText` leaves it out), no-break spaces as
/// spaces, NFC, and a caption set apart from the text it runs into.
@Suite("import web pages, as Chromium renders them")
struct WebImportBrowserTests {
    struct PreviewDoc: Decodable {
        var paragraphs: [String]
    }

    @Test(arguments: [
        "vnexpress-mua-lon.html", "thanhnien-ca-phe-jsonld.html", "dua-ghe-ngo-no-hints.html", "blog-ca-phe-phin.html",
        "amp-hoi-an.html",
    ])
    func everyExtractedLineIsRenderedSoByChromium(page: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = WebImportTests.pages.appendingPathComponent(page).path
        let extracted = try sandbox.ok("import", path, "--dry-run", "--json").jsonLines(PreviewDoc.self)
        let paragraphs = try #require(extracted.first?.paragraphs)
        // The old table layout writes its tags in capitals; the check goes before `</body>`.
        let html = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "</BODY>", with: "</body>")
        let rendered = try Chromium.check(page: html, script: Self.innerText, width: 1280, in: sandbox.work)
        let text = try #require(rendered["text"] as? String)
        let renderedLines = text.replacingOccurrences(of: "\u{A0}", with: " ").precomposedStringWithCanonicalMapping
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var lines = 0
        for paragraph in paragraphs {
            for line in paragraph.split(separator: "\n").map(Self.withoutListMarker) {
                lines += 1
                #expect(renderedLines.contains { $0.contains(line) }, "not rendered so: \(line)")
            }
        }
        #expect(lines >= paragraphs.count)
    }

    /// `line` without the `• ` or `N. ` that starts a list item.
    private static func withoutListMarker(_ line: Substring) -> String {
        if line.hasPrefix("• ") { return String(line.dropFirst(2)) }
        if let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isNumber), !line[..<dot].isEmpty,
           line[dot...].hasPrefix(". ") {
            return String(line[line.index(dot, offsetBy: 2)...])
        }
        return String(line)
    }

    /// Run in the page: the body's `innerText`, once AMP's boilerplate (which keeps the
    /// body invisible until AMP's script, never loaded here, runs) is taken away.
    static let innerText = """
        (function () {
          document.querySelectorAll('style[amp-boilerplate]').forEach(style => style.remove());
          const result = { text: document.body.innerText };
          document.body.dataset.checked = btoa(unescape(encodeURIComponent(JSON.stringify(result))));
        })();
        """
}

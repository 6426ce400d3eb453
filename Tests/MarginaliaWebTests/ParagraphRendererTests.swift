@testable import MarginaliaWeb
import Testing

/// Text laid out as a browser lays it out: blocks, line breaks, white space, lists.
@Suite("Web pages: paragraphs")
struct ParagraphRendererTests {
    private func paragraphs(_ html: String) -> [String] {
        ParagraphRenderer.paragraphs(of: [HTMLParser.parse("<body>\(html)</body>")])
    }

    @Test func whiteSpaceCollapsesAcrossInlineElementsAndNeverSplitsWords() {
        #expect(paragraphs("<p>  Mưa \t  <b>lớn</b>\n   kéo <i> dài </i> </p>") == ["Mưa lớn kéo dài"])
        #expect(paragraphs("<p>Hà<b>Nội</b>, <a href='/x'>sáng</a>nay</p>") == ["HàNội, sángnay"])
    }

    @Test func blockElementsArePararaphsAndInlineRunsBetweenThemToo() {
        #expect(paragraphs("Mở đầu<div>Một<p>Hai</p>Ba</div><h2>Bốn</h2><blockquote>Năm</blockquote>Sáu")
            == ["Mở đầu", "Một", "Hai", "Ba", "Bốn", "Năm", "Sáu"])
    }

    @Test func lineBreaksStayInsideAParagraphAndTwoEndIt() {
        #expect(paragraphs("<p>dòng một  <br>  dòng hai<br/></p>") == ["dòng một\ndòng hai"])
        #expect(paragraphs("<div><br>Đoạn một<br><br>  <br>Đoạn hai</div>") == ["Đoạn một", "Đoạn hai"])
    }

    @Test func entitiesAreDecodedAndNoBreakSpacesAreSpaces() {
        #expect(paragraphs("<p>&ldquo;Mưa&rdquo; &amp; n&#7855;ng&nbsp;&nbsp;135,5&#160;mm &hellip;</p>") == ["“Mưa” & nắng 135,5 mm …"])
        #expect(paragraphs("<p>&nbsp;</p><p> </p><p>Chữ</p>") == ["Chữ"])
    }

    @Test func preformattedTextKeepsItsSpacesAndLines() {
        #expect(paragraphs("<pre>  let a = 1\n    b  = 2</pre>") == ["  let a = 1\n    b  = 2"])
    }

    @Test func listItemsAreParagraphsWithTheirMarkers() {
        #expect(paragraphs("<ul><li>một</li><li> <b>hai</b> </li><li></li><li><p>ba</p></li></ul>") == ["• một", "• hai", "• ba"])
        #expect(paragraphs("<ol start='3'><li>ba</li><li>bốn<ul><li>trong</li></ul></li></ol>") == ["3. ba", "4. bốn", "• trong"])
    }

    @Test func tableCellsAreParagraphs() {
        #expect(paragraphs("<table><tr><th>Tỉnh</th><td>Lượng mưa</td></tr><tr><td>Huế</td><td>210 mm</td></tr></table>")
            == ["Tỉnh", "Lượng mưa", "Huế", "210 mm"])
    }

    @Test func aCaptionClassMakesAnInlineElementItsOwnParagraph() {
        #expect(paragraphs("<p>Trước <span class='Image-Caption'>Ảnh: Giang Huy</span> sau</p>") == ["Trước", "Ảnh: Giang Huy", "sau"])
    }
}

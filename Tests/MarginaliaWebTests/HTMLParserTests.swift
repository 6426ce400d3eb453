@testable import MarginaliaWeb
import Testing

/// libxml2 reads the text it is given: decoding happened before, whatever the page declares.
@Suite("Web pages: parsing")
struct HTMLParserTests {
    @Test func aDeclaredCharsetDoesNotDecodeTheTextAgain() {
        for declaration in [#"<meta charset="windows-1258">"#, #"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">"#] {
            let root = HTMLParser.parse("\u{FEFF}<html><head>\(declaration)<title>Đà Nẵng</title></head><body><p>Mưa lớn</p></body></html>")
            #expect(root.first("title")?.textContent == "Đà Nẵng", "\(declaration)")
            #expect(root.first("p")?.textContent == "Mưa lớn", "\(declaration)")
        }
    }

    @Test func scriptsKeepTheirTextAndNamesAreLowercase() {
        let root = HTMLParser.parse(#"<HTML><BODY><SCRIPT TYPE="application/ld+json">{"a": "<p>x</p>"}</SCRIPT><AMP-IMG SRC=a></AMP-IMG></BODY></HTML>"#)
        #expect(root.first("script")?.textContent == #"{"a": "<p>x</p>"}"#)
        #expect(root.first("script")?[attribute: "type"] == "application/ld+json")
        #expect(root.first("amp-img")?[attribute: "src"] == "a")
    }
}

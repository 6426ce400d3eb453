import Foundation
import MarginaliaCore
import Testing

@testable import MarginaliaWeb

/// Bytes to text: each legacy encoding on real text, the order of what names the
/// encoding, and bytes that do not decode refused at their offset.
@Suite("Page decoding")
struct PageDecoderTests {
    /// The folder of fixture pages: each `NAME.html` is `NAME.utf8.html` converted by
    /// `make-fixtures.sh` with iconv to the encoding its `<meta charset>` names.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    @Test(arguments: [
        ("vietnamese-windows-1258", "windows-1258"), ("vietnamese-viscii", "VISCII"), ("japanese-shift_jis", "Shift_JIS"),
        ("chinese-gb18030", "gb18030"),
    ])
    func aLegacyPageDecodesToItsText(name: String, encoding: String) throws {
        let expected = try #require(String(bytes: Self.bytes("\(name).utf8.html"), encoding: .utf8))
        let page = try PageDecoder.decode(Self.bytes("\(name).html"), contentType: nil)
        #expect(page.text == TextNormalization.nfc(expected))
        #expect(page.encoding.name == encoding)
        #expect(page.reason == .metaTag)
        #expect(TextNormalization.isNFC(page.text))
    }

    @Test func windows1258ToneMarksAreComposed() throws {
        // “ộ” is not in windows-1258: it is written as “ô” and a combining dot below.
        let bytes: [UInt8] = Array("H".utf8) + [0xE0] + Array(" N".utf8) + [0xF4, 0xF2] + Array("i".utf8)
        let page = try PageDecoder.decode(bytes, contentType: "text/html; charset=windows-1258")
        #expect(Array(page.text.unicodeScalars) == Array("Hà Nội".unicodeScalars))
    }

    @Test func aByteThatDoesNotDecodeIsRefusedAtItsOffset() throws {
        var utf8 = Array("<p>Hà Nội ngập sâu</p>".utf8)
        utf8.insert(0xFF, at: 7)  // before “N”
        #expect(throws: PageDecodingError.undecodable(offset: 7, encoding: .utf8, reason: .defaultEncoding)) {
            try PageDecoder.decode(utf8, contentType: nil)
        }
        // 0x81 is no character in windows-1258; the letters before it are held back by
        // the converter (a tone mark might follow), which must not shift the offset.
        var legacy = try Self.bytes("vietnamese-windows-1258.html")
        let offset = try #require(legacy.firstIndex(of: UInt8(ascii: "M")))
        legacy[offset] = 0x81
        let windows1258 = try #require(try PageEncoding.named("windows-1258"))
        #expect(throws: PageDecodingError.undecodable(offset: offset, encoding: windows1258, reason: .metaTag)) {
            try PageDecoder.decode(legacy, contentType: nil)
        }
        // A Shift_JIS page cut in the middle of a character.
        let japanese = try Self.bytes("japanese-shift_jis.html")
        let cut = try #require(japanese.firstIndex { $0 >= 0x81 }) + 1
        let shiftJIS = try #require(try PageEncoding.named("shift_jis"))
        #expect(throws: PageDecodingError.undecodable(offset: cut - 1, encoding: shiftJIS, reason: .metaTag)) {
            try PageDecoder.decode(Array(japanese[..<cut]), contentType: nil)
        }
    }

    @Test func theMessageNamesTheSourceTheOffsetAndWhy() {
        let error = PageDecodingError.undecodable(offset: 1234, encoding: .utf8, reason: .defaultEncoding)
        #expect(error.message(source: "trang.html")
            == "trang.html is not valid UTF-8 (bad byte at offset 1234; it names no encoding, and UTF-8 is the default)")
    }

    @Test func aByteOrderMarkOverridesTheContentTypeAndTheMetaTag() throws {
        let utf8 = try Self.bytes("vietnamese-windows-1258.utf8.html")
        let page = try PageDecoder.decode([0xEF, 0xBB, 0xBF] + utf8, contentType: "text/html; charset=windows-1258")
        #expect(page.text == String(decoding: utf8, as: UTF8.self))
        #expect(page.encoding == .utf8 && page.reason == .byteOrderMark)

        let utf16: [UInt8] = [0xFF, 0xFE] + "<p>Hà Nội</p>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let decoded = try PageDecoder.decode(utf16, contentType: nil)
        #expect(decoded.text == "<p>Hà Nội</p>" && decoded.encoding == .utf16LittleEndian)
    }

    /// Windows' Notepad and some exporters save UTF-16 without a byte-order mark. HTML
    /// starts with `<` (perhaps after white space), so the zero byte beside each ASCII
    /// byte of the first characters gives the encoding and its byte order away; read as
    /// UTF-8 such a page failed as "not an HTML page".
    @Test func utf16WithoutAByteOrderMarkIsKnownByItsFirstCharacters() throws {
        let page = "\n<!DOCTYPE html><title>Hà Nội</title><p>Mưa lớn…</p>"
        let little = page.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = page.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let fromLittle = try PageDecoder.decode(little, contentType: nil)
        #expect(fromLittle.text == page && fromLittle.encoding == .utf16LittleEndian && fromLittle.reason == .utf16Pattern)
        let fromBig = try PageDecoder.decode(big, contentType: nil)
        #expect(fromBig.text == page && fromBig.encoding == .utf16BigEndian && fromBig.reason == .utf16Pattern)
        // UTF-8 stays UTF-8, and a header naming an encoding is trusted first.
        #expect(try PageDecoder.decode(Array(page.utf8), contentType: nil).reason == .defaultEncoding)
        #expect(throws: PageDecodingError.self) { try PageDecoder.decode(little, contentType: "text/html; charset=utf-8") }
    }

    @Test func theContentTypeOverridesTheMetaTag() throws {
        // A page converted to windows-1258 whose <meta> still says UTF-8, as happens when
        // a server converts pages: the header is right.
        let expected = try #require(String(bytes: Self.bytes("vietnamese-windows-1258.utf8.html"), encoding: .utf8))
        let legacy = try Self.bytes("vietnamese-windows-1258.html")
        let relabelled = Self.replacing(Array(#"charset="windows-1258""#.utf8), with: Array(#"charset="utf-8""#.utf8), in: legacy)
        let page = try PageDecoder.decode(relabelled, contentType: #"text/html; charset="Windows-1258""#)
        #expect(page.text == expected.replacingOccurrences(of: #"charset="windows-1258""#, with: #"charset="utf-8""#))
        #expect(page.reason == .contentType)
        // The same page without the header is refused at its first legacy byte.
        #expect(throws: PageDecodingError.self) { try PageDecoder.decode(relabelled, contentType: "text/html") }
        // A label nobody defines is ignored, as browsers ignore it.
        #expect(try PageDecoder.decode(legacy, contentType: "text/html; charset=no-such-thing").reason == .metaTag)
    }

    @Test func labelsAreReadAsBrowsersReadThem() throws {
        #expect(try PageEncoding.named("latin1")?.name == "windows-1252")
        #expect(try PageEncoding.named(" ISO-8859-1\n")?.name == "windows-1252")
        #expect(try PageEncoding.named("US-ASCII")?.name == "windows-1252")
        #expect(try PageEncoding.named("x-sjis")?.name == "Shift_JIS")
        #expect(try PageEncoding.named("gb2312")?.name == "GBK")
        #expect(try PageEncoding.named("csviscii")?.name == "VISCII")
        #expect(try PageEncoding.named("utf 8") == nil)
        #expect(throws: PageDecodingError.unsupported(label: "ISO-2022-KR")) { try PageEncoding.named("ISO-2022-KR") }
        // windows-1252's curly quotes, which ISO-8859-1 would read as control characters.
        #expect(try PageDecoder.decode([0x93, 0x61, 0x94], contentType: "text/html; charset=iso-8859-1").text == "“a”")
    }

    @Test func everyLabelHasAConverterOnThisSystem() throws {
        for (label, entry) in PageEncodingLabels.byLabel {
            guard let name = entry.iconvName else { continue }
            #expect(Iconv.utf8(from: [], encoding: name) == .success([]), "\(label) → \(name)")
        }
    }

    @Test(arguments: [
        (#"<meta charset="windows-1258">"#, "windows-1258"),
        ("<META CHARSET=VISCII>", "VISCII"),
        (#"<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">"#, "Shift_JIS"),
        (#"<meta content='text/html;charset="koi8-r"' http-equiv=content-type>"#, "KOI8-R"),
        (#"<meta charset="utf-16le">"#, "UTF-8"),
        (#"<!-- <meta charset="koi8-r"> --><meta charset="gbk">"#, "GBK"),
        (#"<div title="<meta charset=koi8-r>"><meta charset="gb18030">"#, "gb18030"),
        (#"<meta charset="no-such-thing"><meta charset="big5">"#, "Big5"),
        (#"<meta charset="big5" charset="koi8-r">"#, "Big5"),
    ])
    func thePrescanFindsTheMetaTag(html: String, encoding: String) throws {
        #expect(try MetaCharsetPrescan.encoding(in: Array("<!DOCTYPE html><head>\(html)".utf8))?.name == encoding)
    }

    @Test(arguments: [
        // A content attribute without http-equiv names no encoding.
        #"<meta content="text/html; charset=koi8-r">"#,
        #"<!-- <meta charset="koi8-r"> -->"#,
        // XHTML's XML declaration is not read for HTML, as browsers do not read it.
        #"<?xml version="1.0" encoding="koi8-r"?>"#,
        String(repeating: " ", count: 1024) + #"<meta charset="koi8-r">"#,
    ])
    func thePrescanIgnores(html: String) throws {
        #expect(try MetaCharsetPrescan.encoding(in: Array(html.utf8)) == nil)
    }

    @Test func contentTypesAreParsed() {
        #expect(MediaType(#"text/html; charset="windows-1258""#) == MediaType("TEXT/HTML;Charset=windows-1258"))
        #expect(MediaType("text/html; charset=utf-8")?.charset == "utf-8")
        #expect(MediaType("application/xhtml+xml")?.isHTML == true)
        #expect(MediaType("application/pdf")?.isHTML == false)
        #expect(MediaType("text/html")?.charset == nil)
        #expect(MediaType("html") == nil)
    }

    private static func replacing(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard let range = bytes.firstRange(of: old) else { return bytes }
        return bytes[..<range.lowerBound] + new + bytes[range.upperBound...]
    }
}

/// A character encoding a web page may be written in, named as the WHATWG Encoding
/// standard names it (`windows-1258`, `Shift_JIS`), with the name glibc's iconv knows
/// it by.
///
/// Why WHATWG's labels and not iconv's: pages are labelled for browsers, and browsers
/// read a label by the Encoding standard's table. `latin1`, `iso-8859-1` and `ascii`
/// mean windows-1252 there (pages so labelled use its curly quotes), `gb2312` means
/// GB18030 and `shift_jis` means Microsoft's code page 932; iconv would read those
/// labels as the narrower historical encodings and refuse bytes a browser shows.
public struct PageEncoding: Hashable, Sendable, CustomStringConvertible {
    /// The standard's name of the encoding.
    public let name: String
    /// The encoding's name for iconv; nil for UTF-8, which is decoded without it.
    let iconvName: String?

    public var description: String { name }

    public static let utf8 = PageEncoding(name: "UTF-8", iconvName: nil)
    public static let utf16LittleEndian = PageEncoding(name: "UTF-16LE", iconvName: "UTF-16LE")
    public static let utf16BigEndian = PageEncoding(name: "UTF-16BE", iconvName: "UTF-16BE")
    public static let windows1252 = PageEncoding(name: "windows-1252", iconvName: "CP1252")

    /// Whether this is one of the UTF-16 encodings, which a `<meta>` tag cannot name
    /// (a page the prescan could read as ASCII is not UTF-16).
    var isUTF16: Bool { self == .utf16LittleEndian || self == .utf16BigEndian }

    /// The encoding `label` names (ASCII case and surrounding white space ignored), as
    /// the "get an encoding" algorithm finds it; nil for a label nobody defines.
    /// Throws for the labels the standard maps to its `replacement` encoding
    /// (ISO-2022-KR, HZ…), whose pages browsers refuse to show as text too.
    public static func named(_ label: String) throws(PageDecodingError) -> PageEncoding? {
        let key = label.trimmingASCIIWhitespace.lowercased()
        guard let entry = PageEncodingLabels.byLabel[key] else { return nil }
        if entry.name == PageEncodingLabels.replacement { throw .unsupported(label: label) }
        return PageEncoding(name: entry.name, iconvName: entry.iconvName)
    }
}

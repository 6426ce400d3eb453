import Foundation

/// The text of a web page's bytes, from a file or standard input: the one place they
/// are decoded, where the encoding a page declares is to be read. For now strictly
/// UTF-8 as every other input (a byte-order mark allowed; a byte that is not UTF-8 is
/// refused with its offset); the parser is told the text is UTF-8 and ignores `<meta charset>`.
enum WebPageText {
    static func decode(_ data: Data, source: String) throws -> String {
        try TextInput.decode(data, source: source)
    }
}

import Foundation

/// The text of a web page's bytes, from a file or standard input. For now strictly
/// UTF-8, as every other input (a byte-order mark is dropped by the parser's caller,
/// anything else that is not UTF-8 is refused with the offset of the first bad byte);
/// reading the encoding a page declares belongs here.
enum WebPageText {
    static func decode(_ data: Data, source: String) throws -> String {
        try TextInput.decode(data, source: source)
    }
}

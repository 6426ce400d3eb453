import Foundation
import MarginaliaWeb

/// The text of a web page's bytes, from a file, standard input or a server: the one
/// place they are decoded, in the order `PageDecoder` trusts (byte-order mark, the HTTP
/// `contentType`'s charset, `<meta charset>`, else UTF-8). A byte that does not decode
/// is refused with its offset; the parser is handed text and ignores `<meta charset>`.
enum WebPageText {
    static func decode(_ data: Data, source: String, contentType: String? = nil) throws -> String {
        do {
            return try PageDecoder.decode([UInt8](data), contentType: contentType).text
        } catch {
            throw InputError.undecodable(source: source, error)
        }
    }
}

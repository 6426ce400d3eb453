import MarginaliaCore

/// A web page's bytes as text, in the order the HTML standard trusts what names their
/// encoding: a byte-order mark, then the HTTP `Content-Type` charset, then a `<meta>`
/// tag among the first 1024 bytes, then (beyond the standard) UTF-16 told by its first
/// characters, else UTF-8.
///
/// Why UTF-8 by default, where browsers guess from the reader's locale (windows-1258 in
/// Vietnam, windows-1252 in much of the world): nearly every page written since 2010 is
/// UTF-8, and UTF-8 is the one encoding that rejects text in another, so a legacy page
/// that names no encoding stops with the offset of its first non-UTF-8 byte instead of
/// being stored garbled.
public enum PageDecoder {
    /// `bytes` decoded and in NFC (windows-1258 writes tone marks as combining marks
    /// after their letter; everything Marginalia stores is NFC). `contentType` is the
    /// HTTP header's value, nil for a file.
    public static func decode(_ bytes: [UInt8], contentType: String?) throws(PageDecodingError) -> DecodedPage {
        let (encoding, reason, skipped) = try choose(for: bytes, contentType: contentType)
        let body = Array(bytes.dropFirst(skipped))
        let text: String
        if let iconvName = encoding.iconvName {
            switch Iconv.utf8(from: body, encoding: iconvName) {
            case .success(let utf8): text = String(decoding: utf8, as: UTF8.self)
            case .failure(.badByte(let offset)): throw .undecodable(offset: skipped + offset, encoding: encoding, reason: reason)
            case .failure(.noConverter): throw .noConverter(encoding: encoding)
            }
        } else if let decoded = UTF8Validation.decode(body) {
            text = decoded
        } else {
            let offset = UTF8Validation.firstInvalidOffset(in: body) ?? 0
            throw .undecodable(offset: skipped + offset, encoding: encoding, reason: reason)
        }
        return DecodedPage(text: TextNormalization.nfc(text), encoding: encoding, reason: reason)
    }

    /// The encoding, why, and how many bytes of byte-order mark precede the text.
    private static func choose(for bytes: [UInt8], contentType: String?) throws(PageDecodingError)
        -> (PageEncoding, EncodingReason, Int)
    {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, .byteOrderMark, 3) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, .byteOrderMark, 2) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, .byteOrderMark, 2) }
        // A label nobody defines is ignored, as browsers ignore it.
        if let label = contentType.flatMap(MediaType.init)?.charset, let encoding = try PageEncoding.named(label) {
            return (encoding, .contentType, 0)
        }
        if let encoding = try MetaCharsetPrescan.encoding(in: bytes) { return (encoding, .metaTag, 0) }
        if let encoding = utf16ByItsFirstCharacters(bytes) { return (encoding, .utf16Pattern, 0) }
        return (.utf8, .defaultEncoding, 0)
    }

    /// UTF-16 saved without a byte-order mark (Notepad, some exporters), told by its
    /// first four characters: HTML starts with `<` or white space, all ASCII, so in
    /// UTF-16 each is a zero byte beside an ASCII one, a pattern UTF-8 text never has.
    private static func utf16ByItsFirstCharacters(_ bytes: [UInt8]) -> PageEncoding? {
        guard bytes.count >= 8 else { return nil }
        let units = stride(from: 0, to: 8, by: 2).map { (bytes[$0], bytes[$0 + 1]) }
        let first = units[0].0 == 0 ? units[0].1 : units[0].0
        guard first == UInt8(ascii: "<") || first.isASCIIWhitespace else { return nil }
        if units.allSatisfy({ $0.0 != 0 && $0.0 < 0x80 && $0.1 == 0 }) { return .utf16LittleEndian }
        if units.allSatisfy({ $0.0 == 0 && $0.1 != 0 && $0.1 < 0x80 }) { return .utf16BigEndian }
        return nil
    }
}

/// A page's text and how it was decoded.
public struct DecodedPage: Equatable, Sendable {
    /// The text, NFC.
    public let text: String
    public let encoding: PageEncoding
    public let reason: EncodingReason
}

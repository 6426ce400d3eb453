/// The HTML standard's prescan of a page's first 1024 bytes for a `<meta charset>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`
/// (https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding).
///
/// Why bytes and not the parsed page: the encoding must be known before the page can be
/// decoded, and a page that names it names it in ASCII. The scan skips comments and
/// reads other tags' attributes whole, so a commented-out tag or `<div title="<meta
/// charset=…>">` does not fool it. What it leaves out of the standard: the
/// `x-user-defined` encoding, and the tokenizer's later look at `<meta>` tags past the
/// first 1024 bytes.
struct MetaCharsetPrescan {
    /// How much of a page the standard looks at.
    static let limit = 1024

    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: some Collection<UInt8>) {
        self.bytes = Array(bytes.prefix(Self.limit))
    }

    /// The encoding the page's first `<meta>` naming one names, nil when none does.
    static func encoding(in bytes: some Collection<UInt8>) throws(PageDecodingError) -> PageEncoding? {
        var scan = MetaCharsetPrescan(bytes)
        return try scan.run()
    }

    private enum Charset { case none, unknown, known(PageEncoding) }

    private mutating func run() throws(PageDecodingError) -> PageEncoding? {
        while position < bytes.count {
            if matches("<!--") {
                guard let end = find("-->", from: position + 2) else { return nil }
                position = end + 3
                continue
            }
            if matches("<meta"), position + 5 < bytes.count, bytes[position + 5].isASCIIWhitespace || bytes[position + 5] == slash {
                position += 6
                if let encoding = try metaElement() { return encoding }
            } else if byte(0) == lessThan, let next = byte(1), next.isASCIILetter || (next == slash && byte(2)?.isASCIILetter == true) {
                while position < bytes.count, !bytes[position].isASCIIWhitespace, bytes[position] != greaterThan { position += 1 }
                while attribute() != nil {}
            } else if matches("<!") || matches("</") || matches("<?") {
                guard let end = bytes[position...].firstIndex(of: greaterThan) else { return nil }
                position = end
            }
            position += 1
        }
        return nil
    }

    /// The attributes of one `<meta>` tag; the encoding when they name one the way the
    /// standard accepts.
    private mutating func metaElement() throws(PageDecodingError) -> PageEncoding? {
        var seen = Set<String>()
        var gotPragma = false
        var needPragma: Bool?
        var charset = Charset.none
        while let (name, value) = attribute() {
            guard seen.insert(name).inserted else { continue }
            switch name {
            case "http-equiv": if value == "content-type" { gotPragma = true }
            case "content":
                if case .none = charset, let label = Self.charsetLabel(inContent: value),
                    let encoding = try PageEncoding.named(label)
                {
                    charset = .known(encoding)
                    needPragma = true
                }
            case "charset":
                if case .none = charset {
                    charset = try PageEncoding.named(value).map(Charset.known) ?? .unknown
                    needPragma = false
                }
            default: break
            }
        }
        guard let needPragma, !needPragma || gotPragma, case .known(let encoding) = charset else { return nil }
        return encoding.isUTF16 ? .utf8 : encoding
    }

    /// The standard's "get an attribute": its name and value, ASCII-lowercased; nil at
    /// the end of the tag (or of the bytes).
    private mutating func attribute() -> (name: String, value: String)? {
        while let current = byte(0), current.isASCIIWhitespace || current == slash { position += 1 }
        guard let first = byte(0), first != greaterThan else { return nil }
        var name: [UInt8] = []
        while let current = byte(0) {
            switch current {
            case equals where !name.isEmpty:
                position += 1
                return readValue(name: name)
            case _ where current.isASCIIWhitespace:
                while byte(0)?.isASCIIWhitespace == true { position += 1 }
                guard byte(0) == equals else { return Self.pair(name, []) }
                position += 1
                return readValue(name: name)
            case slash, greaterThan: return Self.pair(name, [])
            default:
                name.append(current.asciiLowercased)
                position += 1
            }
        }
        return nil
    }

    private mutating func readValue(name: [UInt8]) -> (name: String, value: String)? {
        while byte(0)?.isASCIIWhitespace == true { position += 1 }
        guard let first = byte(0) else { return nil }
        var value: [UInt8] = []
        if first == quotationMark || first == apostrophe {
            position += 1
            while let current = byte(0) {
                position += 1
                if current == first { return Self.pair(name, value) }
                value.append(current.asciiLowercased)
            }
            return nil
        }
        if first == greaterThan { return Self.pair(name, value) }
        while let current = byte(0) {
            if current.isASCIIWhitespace || current == greaterThan { return Self.pair(name, value) }
            value.append(current.asciiLowercased)
            position += 1
        }
        return nil
    }

    /// The standard's "extract a character encoding from a meta element": the label
    /// after `charset=` in a `content` value.
    static func charsetLabel(inContent content: String) -> String? {
        let scalars = Array(content.unicodeScalars)
        var position = 0
        while let found = Array(scalars[position...]).firstRange(of: Array("charset".unicodeScalars)) {
            position += found.upperBound
            while position < scalars.count, scalars[position].isASCIIWhitespace { position += 1 }
            guard position < scalars.count, scalars[position] == "=" else { continue }
            position += 1
            while position < scalars.count, scalars[position].isASCIIWhitespace { position += 1 }
            guard position < scalars.count else { return nil }
            let quote = scalars[position]
            if quote == "\"" || quote == "'" {
                guard let end = scalars[(position + 1)...].firstIndex(of: quote) else { return nil }
                return String(String.UnicodeScalarView(scalars[(position + 1)..<end]))
            }
            let end = scalars[position...].firstIndex { $0.isASCIIWhitespace || $0 == ";" } ?? scalars.count
            return String(String.UnicodeScalarView(scalars[position..<end]))
        }
        return nil
    }

    // MARK: Bytes

    private func byte(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    /// Whether the bytes at the position spell `text`, ignoring ASCII case.
    private func matches(_ text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard position + pattern.count <= bytes.count else { return false }
        return zip(bytes[position...], pattern).allSatisfy { $0.asciiLowercased == $1 }
    }

    private func find(_ text: String, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes[start...].firstRange(of: Array(text.utf8))?.lowerBound
    }

    private static func pair(_ name: [UInt8], _ value: [UInt8]) -> (name: String, value: String) {
        (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    private let slash = UInt8(ascii: "/"), lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">")
    private let equals = UInt8(ascii: "="), quotationMark = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
}

extension UInt8 {
    fileprivate var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    fileprivate var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self + 0x20 : self }
}

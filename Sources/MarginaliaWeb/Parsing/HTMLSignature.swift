/// How text is recognised as a web page without being told: by its start, after a
/// byte-order mark and white space.
public enum HTMLSignature {
    /// Whether `text` starts as the HTML standard's MIME sniffing recognises a page:
    /// with `<!DOCTYPE HTML`, `<HTML`, `<HEAD`, `<BODY`, `<!--` or another of its tags,
    /// in any case, followed by white space or `>`. What `import -` reads as HTML untold.
    public static func isWebPage(_ text: String) -> Bool {
        let start = String(String.UnicodeScalarView(start(of: text).prefix(16))).lowercased()
        return signatures.contains { signature in
            guard start.hasPrefix(signature) else { return false }
            guard signature != "<!--", let next = start.unicodeScalars.dropFirst(signature.unicodeScalars.count).first
            else { return signature == "<!--" }
            return next == ">" || isWhiteSpace(next)
        }
    }

    /// Whether `text` starts with a tag (`<` then a letter, `!` or `?`): the least a file
    /// named `.html` must do to be parsed as a page rather than refused as text.
    static func startsWithTag(_ text: String) -> Bool {
        let start = start(of: text)
        guard start.first == "<", let next = start.dropFirst().first else { return false }
        return next.properties.isAlphabetic || next == "!" || next == "?"
    }

    /// The scalars of `text` from the first that is neither a byte-order mark nor white space.
    private static func start(of text: String) -> Substring.UnicodeScalarView {
        text[...].unicodeScalars.drop { $0 == "\u{FEFF}" || isWhiteSpace($0) }
    }

    /// HTML's ASCII white space.
    private static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }

    /// The WHATWG MIME Sniffing Standard's HTML signatures.
    private static let signatures = [
        "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table", "<a", "<style",
        "<title", "<b", "<body", "<br", "<p", "<!--",
    ]
}

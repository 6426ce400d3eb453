/// White space as a browser renders text under `white-space: normal`: every run of
/// spaces, tabs and line breaks shows as one space, none at the start or end of a line.
///
/// The no-break space (U+00A0, `&nbsp;`) is treated as an ordinary space here, unlike in
/// a browser: pages use it to keep "135,5 mm" on one line or as a blank paragraph, a
/// typesetting instruction that stored text, searched and quoted, is better without.
enum WhiteSpace {
    static func isCollapsible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\u{0C}", "\u{A0}": true
        default: false
        }
    }

    /// `text` on one line: runs of white space as one space, none at either end.
    static func collapse(_ text: some StringProtocol) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isCollapsible(scalar) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                result.append(scalar)
                pendingSpace = false
            }
        }
        return String(result)
    }
}

/// ASCII white space as the HTML and Encoding standards define it: tab, line feed,
/// form feed, carriage return and space (not vertical tab, not Unicode spaces).
extension UInt8 {
    var isASCIIWhitespace: Bool { self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D || self == 0x20 }
}

extension Unicode.Scalar {
    var isASCIIWhitespace: Bool { isASCII && UInt8(value).isASCIIWhitespace }
}

extension StringProtocol {
    /// The text without the ASCII white space at either end.
    var trimmingASCIIWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isASCIIWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isASCIIWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

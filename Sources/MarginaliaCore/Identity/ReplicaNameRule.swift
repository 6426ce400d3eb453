/// What a replica's human name may be ("laptop", "office-desktop", "Máy bàn"): 1 to 64
/// characters, NFC, without surrounding white space or control characters.
///
/// Names are shown in prompts, logs and conflicts, and a peer's name arrives in its
/// `hello`; one rule for both keeps escape sequences and line breaks off the terminal.
public enum ReplicaNameRule {
    /// The longest name, in characters (extended grapheme clusters).
    public static let maximumLength = 64

    /// `name` NFC-normalized and trimmed, or nil if the result breaks the rule.
    public static func normalized(_ name: String) -> String? {
        let trimmed = TextNormalization.nfc(name).trimmingWhiteSpace()
        guard (1...maximumLength).contains(trimmed.count),
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        return trimmed
    }

    /// Whether `name` already follows the rule exactly: what a peer must send.
    public static func isWellFormed(_ name: String) -> Bool {
        // Scalar comparison: `String` equality would accept an NFD spelling.
        normalized(name).map { $0.unicodeScalars.elementsEqual(name.unicodeScalars) } ?? false
    }
}

extension String {
    fileprivate func trimmingWhiteSpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

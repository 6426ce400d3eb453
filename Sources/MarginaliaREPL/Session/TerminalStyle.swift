/// Colour in the REPL's prompt and messages: on at a terminal, off under `NO_COLOR`
/// (https://no-color.org) or `TERM=dumb`.
struct TerminalStyle {
    let usesColour: Bool

    init(environment: [String: String]) {
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        usesColour = !noColour && environment["TERM"] != "dumb"
    }

    enum Colour: String {
        case bold = "1"
        case cyan = "36"
        case yellow = "33"
        case red = "31"
    }

    /// `text` in `colour`, for readline's prompt: the codes are wrapped in \u{1} and
    /// \u{2} so readline knows they take no room on the screen.
    func prompt(_ text: String, _ colour: Colour) -> String {
        usesColour ? "\u{1}\u{1B}[\(colour.rawValue)m\u{2}\(text)\u{1}\u{1B}[0m\u{2}" : text
    }

    /// `text` in `colour`, for ordinary output.
    func text(_ text: String, _ colour: Colour) -> String {
        usesColour ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }
}

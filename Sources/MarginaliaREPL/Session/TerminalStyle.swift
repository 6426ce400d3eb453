import Foundation
import MarginaliaCLI

/// Colour in the REPL's prompt and messages, by the rule every command's output follows
/// (`ColourRule`): the prompt and banner go to standard output too.
struct TerminalStyle {
    let usesColour: Bool

    init(colour choice: ColourChoice, environment: [String: String]) {
        usesColour = ColourRule.applies(choice, onTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
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

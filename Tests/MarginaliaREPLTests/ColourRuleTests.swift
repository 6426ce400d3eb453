import MarginaliaCLI
import Testing

/// The one rule deciding colour, for command output and the REPL's prompt alike.
@Suite("colour rule")
struct ColourRuleTests {
    static let cases: [(isTerminal: Bool, environment: [String: String], colour: Bool)] = [
        (true, ["TERM": "xterm-256color"], true),
        (true, ["TERM": "xterm-256color", "NO_COLOR": ""], true),
        (false, ["TERM": "xterm-256color"], false),
        (true, ["TERM": "xterm-256color", "NO_COLOR": "1"], false),
        (true, ["TERM": "dumb"], false),
        (true, [:], false),
        (true, ["TERM": ""], false),
    ]

    @Test(arguments: cases.indices)
    func colourOnlyOnATerminalThatWantsIt(_ index: Int) {
        let (isTerminal, environment, colour) = Self.cases[index]
        #expect(ColourRule.applies(onTerminal: isTerminal, environment: environment) == colour, "\(Self.cases[index])")
    }
}

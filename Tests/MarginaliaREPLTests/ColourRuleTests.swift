import MarginaliaCLI
import Testing

/// The one rule deciding colour, for command output and the REPL's prompt alike.
@Suite("colour rule")
struct ColourRuleTests {
    static let cases: [(choice: ColourChoice, isTerminal: Bool, environment: [String: String], colour: Bool)] = [
        (.auto, true, ["TERM": "xterm-256color"], true),
        (.auto, true, ["TERM": "xterm-256color", "NO_COLOR": ""], true),
        (.auto, false, ["TERM": "xterm-256color"], false),
        (.auto, true, ["TERM": "xterm-256color", "NO_COLOR": "1"], false),
        (.auto, true, ["TERM": "dumb"], false),
        (.auto, true, [:], false),
        (.auto, true, ["TERM": ""], false),
        // --color always and never win over everything else.
        (.always, false, ["TERM": "dumb", "NO_COLOR": "1"], true),
        (.never, true, ["TERM": "xterm-256color"], false),
    ]

    @Test(arguments: cases.indices)
    func colourOnlyOnATerminalThatWantsIt(_ index: Int) {
        let (choice, isTerminal, environment, colour) = Self.cases[index]
        #expect(ColourRule.applies(choice, onTerminal: isTerminal, environment: environment) == colour, "\(Self.cases[index])")
    }
}

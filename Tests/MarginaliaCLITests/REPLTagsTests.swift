import Foundation
import Testing

/// `tags`, tag filters and search in the REPL, in a real terminal (tmux).
@Suite("REPL: tags and search")
struct REPLTagsTests {
    @Test func tabCompletesTagsOfArticlesAndAnnotationsAsFiltersMatchThem() throws {
        let repl = try REPLTerminalTests.DeskREPL()
        defer { repl.close() }
        let (sandbox, terminal) = (repl.sandbox, repl.terminal)
        let flood = try sandbox.id("add", "Hà Nội ngập sâu", "--body", "Mực nước dâng cao.", "--tag", "Đối-ngoại")
        try sandbox.id("annotate", flood, "--quote", "Mực nước", "--note", "đo lúc 6h", "--tag", "đo-đạc")

        let completions = [
            ("tags --js", "tags --json "),
            // Typed without diacritics, a tag completes to the tag as stored.
            ("ls --tag doi", "ls --tag Đối-ngoại "),
            // An annotation's tag, too.
            ("annotations --tag do-", "annotations --tag đo-đạc "),
            ("annotations --article ha", "annotations --article \(flood) "),
        ]
        for (typed, completed) in completions {
            try terminal.type(typed)
            try terminal.press("Tab")
            try terminal.waitFor("desk> " + completed)
            try terminal.clearLine(prompt: "desk>")
        }
        try terminal.enter("tags")
        try terminal.waitFor("the tags with their counts") {
            $0.contains("#đo-đạc     1 annotation\n") && $0.contains("#Đối-ngoại  1 article\n")
        }
        try terminal.enter("search muc -xyz")
        // A word to exclude reaches the query (the terminal has colour: no brackets).
        try terminal.waitFor("the article found") {
            $0.contains("\(flood.prefix(8))  Hà Nội ngập sâu\n") && $0.contains("    Mực nước dâng cao.\n")
        }
    }
}

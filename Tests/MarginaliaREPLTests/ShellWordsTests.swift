import MarginaliaCLI
import Testing

import MarginaliaREPL

/// The REPL's quoting follows a POSIX shell's, so what people type there means what it
/// would mean on the command line.
@Suite("shell words")
struct ShellWordsTests {
    @Test(arguments: [
        ("show abcd", [["show", "abcd"]]),
        ("  add   'a  b'  ", [["add", "a  b"]]),
        (#"add "say \"hi\"" 'it'\''s'"#, [["add", #"say "hi""#, "it's"]]),
        (#"note x "a\nb" c\ d"#, [["note", "x", #"a\nb"#, "c d"]]),
        ("a'b'\"c\" ''", [["abc", ""]]),
        ("ls; status ;; log", [["ls"], ["status"], ["log"]]),
        (#"add a\;b "c;d""#, [["add", "a;b", "c;d"]]),
        ("ls # a comment; status", [["ls"]]),
        ("add a#b", [["add", "a#b"]]),
        ("# only a comment", []),
        ("Hà Nội 'Đường'", [["Hà", "Nội", "Đường"]]),
    ])
    func splitsLikeAShell(line: String, expected: [[String]]) throws {
        #expect(try ShellWords.commands(in: line) == expected)
    }

    @Test(arguments: [
        ("add 'open", "unterminated single quote"), ("add \"open", "unterminated double quote"),
        ("add x\\", "the line ends with a lone backslash"),
    ])
    func refusesUnfinishedQuoting(line: String, message: String) {
        let error = #expect(throws: UsageError.self) { try ShellWords.commands(in: line) }
        #expect(error?.description == message)
    }

    @Test func completionSeesTheWordsSoFarOfTheLastCommand() {
        #expect(ShellWords.wordsSoFar(in: "ls; show 'Hà ") == ["show", "Hà "])
        #expect(ShellWords.wordsSoFar(in: "annotate abcd --note ") == ["annotate", "abcd", "--note"])
        #expect(ShellWords.wordsSoFar(in: "") == [])
    }
}

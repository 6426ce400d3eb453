import Foundation
import Testing

/// Shell completion scripts for the one-shot commands, from the argument parser
/// (`make completions` writes them).
@Suite("shell completion scripts")
struct CompletionScriptTests {
    @Test(arguments: [
        ("bash", "complete -o filenames -F _marginalia marginalia"), ("zsh", "#compdef marginalia"),
        ("fish", "complete -c 'marginalia'"),
    ])
    func theParserWritesOneForEachShell(shell: String, marker: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.ok("--generate-completion-script", shell)
        #expect(result.stdout.contains(marker), "\(result)")
        for command in ["annotate", "conflicts", "sync", "body-file"] {
            #expect(result.stdout.contains(command), "\(shell) lacks \(command)")
        }
    }
}

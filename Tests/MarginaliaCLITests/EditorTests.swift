import Foundation
import Testing

/// `edit ID --body`: the current body opens in `$VISUAL` or `$EDITOR`, in a temporary
/// file only its owner can read, and what is saved becomes the new body.
@Suite("edit --body in an editor")
struct EditorTests {
    /// An editor script that records the file's mode, then replaces its text by `text`
    /// after a copy of what it was given.
    func editor(_ sandbox: Sandbox, named name: String, writing text: String, status: Int = 0) throws -> String {
        let script = """
            #!/bin/sh
            stat -c %a "$1" > \(shellQuote(sandbox.root.appendingPathComponent("\(name).mode").path))
            cp "$1" \(shellQuote(sandbox.root.appendingPathComponent("\(name).given").path))
            printf '%s' \(shellQuote(text)) > "$1"
            exit \(status)

            """
        let path = try sandbox.write(name, script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func theEditorEditsTheCurrentBody() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Title", "--body", "Old body.\n")
        let plain = try editor(sandbox, named: "ed.sh", writing: "Thân bài mới.\n")
        try sandbox.ok(["edit", id, "--body"], env: ["EDITOR": plain])
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == "Thân bài mới.\n")
        let given = try String(contentsOf: sandbox.root.appendingPathComponent("ed.sh.given"), encoding: .utf8)
        #expect(given == "Old body.\n")
        let mode = try String(contentsOf: sandbox.root.appendingPathComponent("ed.sh.mode"), encoding: .utf8)
        #expect(mode == "600\n")
        // $VISUAL comes first; the same works from a script.
        let visual = try editor(sandbox, named: "visual.sh", writing: "From VISUAL\n")
        try sandbox.ok([], stdin: Data("edit \(id) --body\n".utf8), env: ["EDITOR": plain, "VISUAL": visual])
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == "From VISUAL\n")
        // An editor written in shell syntax (quoted) runs through the shell, the file after it.
        try sandbox.ok(["edit", id, "--body"], env: ["EDITOR": shellQuote(plain)])
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == "Thân bài mới.\n")
    }

    @Test func withoutAnEditorOrWhenItFailsNothingChanges() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Title", "--body", "Old body.\n")
        try sandbox.expectRejected(["edit", id, "--body"], status: Exit.usage, mentioning: "$VISUAL or $EDITOR")
        let failing = try editor(sandbox, named: "fail.sh", writing: "Never saved\n", status: 3)
        let result = try sandbox.run(["edit", id, "--body"], env: ["EDITOR": failing])
        #expect(result.status == Exit.failure, "\(result)")
        #expect(result.errorLines == ["marginalia: the editor '\(failing)' exited with status 3; nothing was written"])
        let missing = try sandbox.run(["edit", id, "--body"], env: ["EDITOR": "no-such-editor --wait"])
        #expect(missing.status == Exit.failure, "\(missing)")
        #expect(missing.errorLines == [
            "marginalia: cannot start the editor 'no-such-editor --wait': No such file or directory; nothing was written",
        ])
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == "Old body.\n")
        try sandbox.expectUsageError("edit", id, "--body", "--body-file", "x", mentioning: "not both")
    }
}

import Foundation
import MarginaliaTestSupport
import Testing

/// `marginalia` in a real terminal, as a person meets it: tmux runs it in a detached
/// session on a private server, `type` and `press` send keys, and `waitFor` polls the
/// screen until the expected text shows (generous timeouts, no fixed sleeps), so the
/// tests hold under load. Close it with `defer { terminal.close() }`.
final class TerminalSession {
    private let socket: String
    private let sandbox: Sandbox
    static let timeout: TimeInterval = 60

    /// Starts `marginalia arguments` with the sandbox's environment plus `env`, and
    /// `XDG_STATE_HOME` (the history) inside the sandbox, in a terminal of `size`
    /// (columns, rows).
    init(
        _ sandbox: Sandbox, arguments: [String] = [], env: [String: String?] = [:], size: (Int, Int) = (120, 50)
    ) throws {
        self.sandbox = sandbox
        socket = sandbox.root.appendingPathComponent("tmux-\(UUID().uuidString.prefix(8))").path
        var environment = sandbox.environment(
            ["XDG_STATE_HOME": sandbox.root.appendingPathComponent("state").path, "TERM": "xterm-256color"])
        for (name, value) in env { environment[name] = value }
        // tmux sets TERM for the pane itself: `env` sets the test's values explicitly. bash
        // shows the exit status on the screen and keeps the pane open.
        let command = ["/usr/bin/env", "-i"] + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + [MarginaliaProcess.binary.path] + arguments
        let reporting = #""$@"; echo "[exit status $?]"; exec sleep 600"#
        try tmux(
            ["-f", "/dev/null", "new-session", "-d", "-x", "\(size.0)", "-y", "\(size.1)", "-c", sandbox.work.path, "/bin/bash", "-c",
             reporting, "bash"] + command)
        try tmux(["set-option", "-g", "history-limit", "5000"])
    }

    /// Types `text` literally (even when it starts with a dash).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", "--", text])
    }

    /// Types `line` and presses Enter.
    func enter(_ line: String) throws {
        try type(line)
        try press("Enter")
    }

    /// Presses keys by tmux's names: `Enter`, `Tab`, `C-c`, `C-d`, `Up`.
    func press(_ keys: String...) throws {
        try tmux(["send-keys"] + keys)
    }

    /// What the terminal shows, with its scrollback; `colours` keeps the escape codes.
    func screen(colours: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-S", "-"] + (colours ? ["-e"] : []))
    }

    /// The lines on the screen now, without the scrollback (after Ctrl-L, say).
    func visibleLines() throws -> [String] {
        try tmux(["capture-pane", "-p"]).components(separatedBy: "\n")
    }

    /// Polls the screen until `predicate` holds, and returns that screen.
    @discardableResult
    func waitFor(
        _ what: String, colours: Bool = false, sourceLocation: SourceLocation = #_sourceLocation,
        until predicate: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(Self.timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(colours: colours)
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(what); the screen:\n\(last)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    /// Polls until the screen shows `text` `count` times (a prompt after N commands, say).
    @discardableResult
    func waitFor(
        _ text: String, count: Int = 1, colours: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        try waitFor("'\(text)' ×\(count)", colours: colours, sourceLocation: sourceLocation) {
            $0.components(separatedBy: text).count - 1 >= count
        }
    }

    /// Erases the line being typed (Ctrl-U) and waits until the screen shows `prompt`
    /// alone on the last line, so the next check cannot see what was there before.
    func clearLine(prompt: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try press("C-u")
        try waitFor("an empty prompt", sourceLocation: sourceLocation) { screen in
            screen.split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) }?
                .trimmingCharacters(in: .whitespaces) == prompt
        }
    }

    /// Waits for the program to end and returns its exit status.
    func waitForExit(sourceLocation: SourceLocation = #_sourceLocation) throws -> Int32 {
        let screen = try waitFor("the exit status", sourceLocation: sourceLocation) { $0.contains("[exit status ") }
        let status = screen.components(separatedBy: "[exit status ").last?.prefix { $0.isNumber }
        return try #require(status.flatMap { Int32($0) }, sourceLocation: sourceLocation)
    }

    func close() {
        _ = try? tmux(["kill-server"])
    }

    struct TimedOut: Error {}

    /// Runs tmux with the session's socket and returns what it printed (through
    /// `DetachedRun`: `new-session` leaves tmux's server behind).
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let outputPath = sandbox.root.appendingPathComponent("tmux-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let environment = ["PATH=/usr/bin:/bin", "HOME=\(sandbox.home.path)", "TERM=xterm-256color"]
        let status = try DetachedRun.run("/usr/bin/tmux", ["-S", socket] + arguments, environment: environment, output: outputPath)
        try #require(status == 0, "tmux \(arguments) failed with status \(status)")
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}

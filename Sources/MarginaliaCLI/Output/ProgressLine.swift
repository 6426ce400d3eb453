import Foundation
import MarginaliaSync

/// A live progress line on standard error, when that is a terminal: a long sync's
/// changes and bytes, a slow page's bytes so far. Redrawn at most five times a second.
final class ProgressLine {
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A progress line, or nil when standard error is not a terminal.
    static func forStandardError() -> ProgressLine? {
        StandardError.isTerminal ? ProgressLine() : nil
    }

    /// Changes each way, changes per second, bytes.
    func update(_ progress: SyncProgress) {
        show {
            let rate = progress.seconds > 0 ? Double(progress.sent + progress.received) / progress.seconds : 0
            let megabytes = Double(progress.bytesSent + progress.bytesReceived) / 1_048_576
            return String(
                format: "sent %d, received %d changes, %.0f/s, %.1f MB", progress.sent, progress.received, rate, megabytes)
        }
    }

    /// Draws `text()` over the line, unless it was drawn less than a fifth of a second ago.
    func show(_ text: () -> String) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        drawn = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text())".utf8))
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

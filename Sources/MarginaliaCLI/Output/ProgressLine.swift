import Foundation
import MarginaliaSync

/// The live progress of a long sync on standard error, when that is a terminal:
/// changes each way, changes per second, bytes. Redrawn at most five times a second.
final class ProgressLine {
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A progress line, or nil when standard error is not a terminal.
    static func forStandardError() -> ProgressLine? {
        StandardError.isTerminal ? ProgressLine() : nil
    }

    func update(_ progress: SyncProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        drawn = true
        let rate = progress.seconds > 0 ? Double(progress.sent + progress.received) / progress.seconds : 0
        let megabytes = Double(progress.bytesSent + progress.bytesReceived) / 1_048_576
        let text = String(
            format: "\r\u{1B}[Ksent %d, received %d changes, %.0f/s, %.1f MB", progress.sent, progress.received, rate,
            megabytes)
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

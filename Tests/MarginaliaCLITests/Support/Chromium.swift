import Foundation
import Testing

/// Headless Chromium, for tests that check what an exported page shows. CI installs it
/// (`make deps`); a missing browser fails the test rather than skipping it.
enum Chromium {
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

    /// Loads `page` in a window `width` pixels wide with `script` added at the end of its
    /// body, and returns what the script left, base64 of UTF-8 JSON, in the body's
    /// `data-checked` attribute of the DOM Chromium dumps after the page has run.
    static func check(page: String, script: String, width: Int, in directory: URL) throws -> [String: Any] {
        guard let browser = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            Issue.record("chromium is not installed: apt-get install -y chromium (make deps installs it)")
            throw CheckFailed()
        }
        let file = directory.appendingPathComponent("page-\(width).html")
        try page.replacingOccurrences(of: "</body>", with: "<script>\(script)</script>\n</body>").write(
            to: file, atomically: true, encoding: .utf8)
        // A browser that hangs fails the test after a minute instead of holding the suite.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            "60", browser, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=\(width),900",
            "--user-data-dir=\(directory.appendingPathComponent("chromium-profile").path)", "--dump-dom", file.absoluteString,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let range = dom.range(of: #"data-checked="([A-Za-z0-9+/=]*)""#, options: .regularExpression),
              let data = Data(base64Encoded: String(dom[range].dropFirst("data-checked=\"".count).dropLast())),
              let result = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            Issue.record("the page's check did not run; chromium exited with \(process.terminationStatus):\n\(dom.prefix(2000))")
            throw CheckFailed()
        }
        return result
    }

    struct CheckFailed: Error {}
}

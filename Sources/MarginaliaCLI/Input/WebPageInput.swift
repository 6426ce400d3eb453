import Foundation
import MarginaliaFetch
import MarginaliaWeb
import NIOConcurrencyHelpers

/// `import URL`: the page fetched and decoded, with a progress line on a terminal while
/// a slow page comes in.
enum WebPageInput {
    /// Whether an argument to `import` is a web address rather than a path.
    static func isWebAddress(_ argument: String) -> Bool {
        let lowercased = argument.lowercased()
        return lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://")
    }

    /// The article on the page at `address`: its address is the one the page names for
    /// itself, else the URL it was served from after redirects.
    static func document(at address: String) async throws -> ImportDocument {
        let fetched = try await fetch(address)
        let text = try WebPageText.decode(Data(fetched.bytes), source: fetched.url, contentType: fetched.contentType)
        do {
            return ImportDocument(try WebArticle(extractingFrom: text, address: fetched.url))
        } catch {
            throw InputError.webPage(path: fetched.url, problem: error)
        }
    }

    /// How long a fetch goes on before its progress line appears: most pages come
    /// sooner, and a line that flashes for an instant says nothing.
    static let quietPeriod: Duration = .seconds(1)

    /// The page at `address` as the server sent it.
    private static func fetch(_ address: String) async throws -> FetchedPage {
        let received = NIOLockedValueBox(0)
        let host = URL(string: address)?.host ?? address
        let progress = ProgressLine.forStandardError().map { line in
            Task { [line = Handoff(value: line)] in
                defer { line.value.finish() }
                try await Task.sleep(for: quietPeriod)
                while !Task.isCancelled {
                    let bytes = received.withLockedValue { $0 }
                    line.value.show { "fetching \(host): \(amount(bytes))" }
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
        }
        let result: Result<FetchedPage, FetchError>
        do {
            result = .success(
                try await PageFetcher.fetch(address, limits: .fromEnvironment(ProcessInfo.processInfo.environment)) { bytes in
                    received.withLockedValue { $0 = bytes }
                })
        } catch {
            result = .failure(error)
        }
        progress?.cancel()
        _ = await progress?.result
        return try result.get()
    }

    /// `840 KB`, `1.2 MB`.
    private static func amount(_ bytes: Int) -> String {
        bytes < 1_048_576 ? "\(bytes / 1024) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}

import NIOCore

/// Why a page could not be fetched, each with the one line that tells a reader what
/// happened and where.
public enum FetchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not an `http` or `https` URL with a host.
    case notWebAddress(String)
    /// The server answered with an error status (after redirects, at `url`).
    case status(code: Int, reason: String, url: String)
    /// The page is not HTML: a PDF, an image, JSON….
    case notHTML(mediaType: String, url: String)
    case tooLarge(limit: Int, url: String)
    case tooManyRedirects(limit: Int, url: String)
    case redirectLoop(url: String)
    case connectTimeout(seconds: Double, url: String)
    case readTimeout(seconds: Double, url: String)
    case unknownHost(host: String)
    case cannotConnect(host: String, reason: String)
    /// Anything else the HTTP client reports (TLS failures, broken connections).
    case failed(url: String, reason: String)

    public var description: String {
        switch self {
        case .notWebAddress(let text): "'\(text)' is not a web address (http:// or https:// and a host)"
        case .status(let code, let reason, let url): "\(reason.lowercased()) (HTTP \(code)) at \(url)"
        case .notHTML(let mediaType, let url): "\(url) is \(Self.kind(of: mediaType)) (\(mediaType)), not a web page"
        case .tooLarge(let limit, let url): "\(url) is larger than \(limit / 1_048_576) MB, the most a page may be"
        case .tooManyRedirects(let limit, let url): "more than \(limit) redirects from \(url)"
        case .redirectLoop(let url): "\(url) redirects in a loop"
        case .connectTimeout(let seconds, let url):
            "no connection to \(url) within \(Self.format(seconds)) s (MARGINALIA_FETCH_TIMEOUT sets the wait)"
        case .readTimeout(let seconds, let url):
            "\(url) sent nothing for \(Self.format(seconds)) s (MARGINALIA_FETCH_TIMEOUT sets the wait)"
        case .unknownHost(let host): "cannot find the host \(host) (DNS lookup failed)"
        case .cannotConnect(let host, let reason): "cannot connect to \(host): \(reason)"
        case .failed(let url, let reason): "cannot fetch \(url): \(reason)"
        }
    }

    /// What a non-HTML type is, in words.
    private static func kind(of mediaType: String) -> String {
        switch mediaType {
        case "application/pdf": "a PDF document"
        case _ where mediaType.hasPrefix("image/"): "an image"
        case _ where mediaType.hasPrefix("video/"): "a video"
        case _ where mediaType.hasPrefix("audio/"): "a sound file"
        case "text/plain": "plain text"
        default: "a file"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

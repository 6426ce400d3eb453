/// A page as the server sent it: what `PageDecoder` needs to read it, and where it ended
/// up after redirects (the address an article keeps when the page names none).
public struct FetchedPage: Sendable {
    public let bytes: [UInt8]
    /// The `Content-Type` header, if the server sent one.
    public let contentType: String?
    /// The URL the page was finally served from.
    public let url: String
}

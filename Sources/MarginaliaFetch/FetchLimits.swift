import NIOCore

/// How long and how far a fetch may go. A page is text a person reads: 10 MB is far
/// more than any article with its markup (a long news page is 0.2–2 MB), and a server
/// that sends more is sending something else.
public struct FetchLimits: Sendable {
    /// How long to wait for the connection (DNS, TCP, TLS).
    public var connect: TimeAmount
    /// How long to wait for the next bytes once connected: a server that stops sending
    /// for this long is given up on.
    public var read: TimeAmount
    /// The most bytes of body read; reading stops beyond them.
    public var bytes: Int
    /// The most redirects followed.
    public var redirects: Int

    public static let standard = FetchLimits(connect: .seconds(10), read: .seconds(30), bytes: 10 * 1_048_576, redirects: 10)

    /// The standard limits, both timeouts set to `$MARGINALIA_FETCH_TIMEOUT` seconds
    /// when it is a positive number (tests use it to give up on a slow server at once).
    public static func fromEnvironment(_ environment: [String: String]) -> FetchLimits {
        var limits = standard
        if let seconds = environment["MARGINALIA_FETCH_TIMEOUT"].flatMap(Double.init), seconds > 0 {
            limits.connect = .nanoseconds(Int64(seconds * 1e9))
            limits.read = limits.connect
        }
        return limits
    }
}

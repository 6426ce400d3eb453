import MarginaliaSync
import NIOCore

/// `HOST:PORT` (or `[IPv6]:PORT`, or a bare `PORT` meaning loopback).
public struct TCPAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses the forms above; nil for anything else.
    public init?(_ text: String, defaultHost: String = "127.0.0.1") {
        var host = defaultHost
        var portText = Substring(text)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port) else { return nil }
        self.host = host
        self.port = port
    }

    /// The address of a connected socket, when it is an IP one: what the server's log
    /// names a client by (`127.0.0.1:52144`, `[::1]:52144`).
    init?(_ address: SocketAddress?) {
        guard let address, let host = address.ipAddress, let port = address.port else { return nil }
        self.init(host: host, port: port)
    }

    /// Refuses an address off this machine for `option` (plaintext, which anyone on
    /// the path could read and alter).
    public func requireLoopback(for option: String) throws {
        guard host == "localhost" || host == "::1" || host.hasPrefix("127.") else {
            throw TransportError.badTarget(
                "\(option) is for loopback only (127.0.0.1, ::1, localhost): \(self) would carry every line in the clear")
        }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

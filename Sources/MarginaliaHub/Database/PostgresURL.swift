import Foundation
import NIOSSL
import PostgresNIO

/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`, or
/// with `?host=/socket/folder` and no host for a Unix socket (libpq's spelling, so the
/// URL an operator already uses with `psql` works here too).
public struct PostgresURL: Sendable, CustomStringConvertible {
    private enum Endpoint {
        case tcp(host: String, port: Int)
        case socket(path: String)
    }

    private enum SSLMode: String {
        case disable, prefer, require
    }

    private let endpoint: Endpoint
    private let user: String
    private let password: String?
    private let database: String
    private let sslMode: SSLMode
    /// The URL without its password: what messages and `hub status` show.
    public let description: String

    public init(_ text: String) throws(HubError) {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw HubError.badURL(text, "expected postgres://USER@HOST[:PORT]/DATABASE")
        }
        let options = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        user = url.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = url.password.flatMap { $0.removingPercentEncoding }
        database = url.path.count > 1 ? String(url.path.dropFirst()) : user
        let port = url.port ?? Int(options["port"] ?? "") ?? 5432
        if let folder = options["host"], folder.hasPrefix("/"), (url.host ?? "").isEmpty {
            endpoint = .socket(path: "\(folder)/.s.PGSQL.\(port)")
        } else if let host = url.host, !host.isEmpty {
            endpoint = .tcp(host: host, port: port)
        } else {
            throw HubError.badURL(text, "no host (or ?host=/socket/folder)")
        }
        let mode = options["sslmode"] ?? "prefer"
        switch mode {
        case "disable": sslMode = .disable
        case "allow", "prefer": sslMode = .prefer
        case "require", "verify-ca", "verify-full": sslMode = .require
        default: throw HubError.badURL(text, "sslmode '\(mode)' is not disable, prefer or require")
        }
        var shown = url
        shown.password = nil
        description = shown.string ?? text
    }

    /// For each connection a hub process opens (`HubConnections`).
    var connectionConfiguration: PostgresConnection.Configuration {
        get throws {
            let tls: PostgresConnection.Configuration.TLS = switch sslMode {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            return switch endpoint {
            case .tcp(let host, let port):
                .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
            case .socket(let path):
                .init(unixSocketPath: path, username: user, password: password, database: database)
            }
        }
    }
}

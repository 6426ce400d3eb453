import Foundation
import MarginaliaCore
import MarginaliaSync

/// Where `sync` goes, parsed from its argument.
public enum SyncTarget: Equatable, Sendable, CustomStringConvertible {
    /// Another replica file on this machine.
    case file(String)
    /// A command whose standard input and output speak the protocol (`exec:COMMAND`).
    case exec(String)
    /// `ssh://HOST/PATH`: `ssh HOST marginalia --db PATH serve --stdio`.
    case ssh(host: String, path: String)
    /// `tls://HOST:PORT` (or `tcp://`, which means the same), with the fingerprint
    /// pinned for that server (`?fingerprint=FP`), if any.
    case tls(TCPAddress, pinned: Fingerprint?)

    /// Parses `exec:…`, `ssh://…`, `tls://…` (`tcp://…`), or a file path.
    public init(_ text: String) throws {
        if text.hasPrefix("exec:") {
            let command = String(text.dropFirst("exec:".count))
            guard !command.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw TransportError.badTarget("exec: needs a command, as in exec:'ssh host marginalia serve --stdio'")
            }
            self = .exec(command)
        } else if text.hasPrefix("ssh://") {
            let rest = text.dropFirst("ssh://".count)
            guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex, rest.index(after: slash) != rest.endIndex
            else { throw TransportError.badTarget("'\(text)' is not ssh://HOST/PATH") }
            // ssh://host/~/notes.db names a path in the remote home; ssh://host/srv/x.db an absolute one.
            let path = rest[slash...].hasPrefix("/~/") ? String(rest[rest.index(after: slash)...]) : String(rest[slash...])
            let host = String(rest[..<slash])
            // ssh would read such a "host" as an option (`-oProxyCommand=…` runs a command):
            // the shape of git's CVE-2017-1000117.
            guard !host.hasPrefix("-") else {
                throw TransportError.badTarget("'\(host)' in '\(text)' is not a host name: it begins with '-'")
            }
            self = .ssh(host: host, path: path)
        } else if let scheme = ["tls://", "tcp://"].first(where: text.hasPrefix) {
            let rest = text.dropFirst(scheme.count)
            let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            guard let address = TCPAddress(String(parts[0])), parts[0].contains(":") else {
                throw TransportError.badTarget("'\(text)' is not \(scheme)HOST:PORT")
            }
            var pinned: Fingerprint?
            if parts.count == 2 {
                guard parts[1].hasPrefix("fingerprint=") else {
                    throw TransportError.badTarget("'\(text)': the only option after '?' is fingerprint=FP")
                }
                pinned = try Self.fingerprint(String(parts[1].dropFirst("fingerprint=".count)))
            }
            self = .tls(address, pinned: pinned)
        } else {
            self = .file(text)
        }
    }

    /// `text` as a fingerprint to pin, or an error saying why it is not one.
    public static func fingerprint(_ text: String) throws -> Fingerprint {
        do throws(Fingerprint.ParseError) {
            return try Fingerprint(parsing: text)
        } catch {
            throw TransportError.badTarget("'\(text)' is not a fingerprint: \(error)")
        }
    }

    /// The same TLS target pinned to `fingerprint`; nil for any other kind of target.
    public func pinning(_ fingerprint: Fingerprint) -> SyncTarget? {
        guard case .tls(let address, _) = self else { return nil }
        return .tls(address, pinned: fingerprint)
    }

    /// The same target with a relative file path made absolute against `directory`, so
    /// that a stored target (`peer add`) means the same replica from any folder.
    public func resolvingFiles(against directory: String) -> SyncTarget {
        guard case .file(let path) = self, !path.hasPrefix("/") else { return self }
        return .file(URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
            .standardizedFileURL.path)
    }

    public var description: String {
        switch self {
        case .file(let path): path
        case .exec(let command): "exec:" + command
        case .ssh(let host, let path): "ssh://\(host)\(path)"
        case .tls(let address, let pinned): "tls://\(address)" + (pinned.map { "?fingerprint=\($0)" } ?? "")
        }
    }
}

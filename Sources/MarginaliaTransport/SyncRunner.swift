import Foundation
import MarginaliaStore
import MarginaliaPipes
import MarginaliaSync

/// Runs the initiator's side of a session against any target.
public enum SyncRunner {
    /// The program to run on the far side of `ssh://` (override with `MARGINALIA_REMOTE`),
    /// and the ssh client (override with `MARGINALIA_SSH`, for tests and unusual setups).
    public struct Environment: Sendable {
        public var ssh = "ssh"
        public var remoteProgram = "marginalia"
        public var tokenFile: String?
        /// Plaintext TCP (`--insecure`), refused unless the server is on loopback.
        public var insecure = false

        public init(
            _ variables: [String: String] = ProcessInfo.processInfo.environment, tokenFile: String? = nil,
            insecure: Bool = false
        ) {
            if let ssh = variables["MARGINALIA_SSH"], !ssh.isEmpty { self.ssh = ssh }
            if let remote = variables["MARGINALIA_REMOTE"], !remote.isEmpty { remoteProgram = remote }
            self.tokenFile = tokenFile
            self.insecure = insecure
        }
    }

    /// `findingDivergence`: see `SyncSession`.
    public static func sync(
        _ replica: Replica, with target: SyncTarget, environment: Environment, findingDivergence: Bool = false,
        progress: ((SyncProgress) -> Void)? = nil
    ) async throws -> SyncSummary {
        switch target {
        case .tls(let address, let pinned):
            let token = try environment.tokenFile.map(TokenFile.authenticator(at:))
            guard environment.insecure else {
                return try await TCPClient.sync(
                    replica: replica, address: address, security: .tls(token: token, pinned: pinned),
                    findingDivergence: findingDivergence, progress: progress)
            }
            guard let token else { throw TransportError.badTarget("--insecure needs --token-file with the server's shared secret") }
            try address.requireLoopback(for: "--insecure")
            return try await TCPClient.sync(
                replica: replica, address: address, security: .plaintext(token: token),
                findingDivergence: findingDivergence, progress: progress)
        case .file(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw TransportError.badTarget("no replica at \(path) (create one with 'marginalia --db \(path) init')")
            }
            // Opened here first so that a folder or a file of another kind is refused in
            // its own words (`notes.txt is not a Marginalia replica`); the serving child
            // could only exit before its hello.
            _ = try Replica.open(at: path, creation: .never)
            return try await overChild(
                ChildProcessConnection(executable: try currentExecutable(), arguments: ["--db", path, "serve", "--stdio"]),
                replica: replica, findingDivergence: findingDivergence, progress: progress)
        case .exec(let command):
            return try await overChild(ChildProcessConnection(shellCommand: command), replica: replica, findingDivergence: findingDivergence, progress: progress)
        case .ssh(let host, let path):
            // A leading ~/ stays unquoted so the remote shell expands it to the home folder.
            let remotePath = path.hasPrefix("~/") ? "~/" + shellQuoted(String(path.dropFirst(2))) : shellQuoted(path)
            let remote = "\(environment.remoteProgram) --db \(remotePath) serve --stdio"
            // `--` ends ssh's options, so that nothing in the host is ever read as one.
            return try await overChild(
                ChildProcessConnection(shellCommand: "\(environment.ssh) -- \(shellQuoted(host)) \(shellQuoted(remote))"),
                replica: replica, findingDivergence: findingDivergence, progress: progress)
        }
    }

    private static func overChild(
        _ child: ChildProcessConnection, replica: Replica, findingDivergence: Bool, progress: ((SyncProgress) -> Void)?
    ) async throws -> SyncSummary {
        do {
            // Cancelled (Ctrl-C), the session could wait for a peer that stalls: the peer
            // gets the Ctrl-C too, and its end ends the session's reads and writes.
            let session = SyncSession(
                store: replica, transport: child.transport, findingDivergence: findingDivergence, progress: progress)
            let summary = try await withTaskCancellationHandler {
                try await session.run(as: .initiator)
            } onCancel: { [interrupt = child.interrupter()] in
                interrupt()
            }
            child.finish()
            return summary
        } catch SyncFailure.refused(let error) where error.code == .diverged {
            // The peer is reading this side's `error` to record the divergence too, and
            // ends once it reads the end of its input: let it, rather than cut it short.
            child.finish()
            throw SyncFailure.refused(error)
        } catch {
            // A peer that hangs up has usually exited: its status says more than the
            // hang-up does (`exec:false`, a command not found, a remote marginalia that failed).
            if let status = child.terminate(), isHangUp(error) {
                throw TransportError.peerCommandExited(status: status, reason: "\(error)")
            }
            throw error
        }
    }

    private static func isHangUp(_ error: any Error) -> Bool {
        switch error {
        case SyncFailure.peerHungUp, TransportError.io: true
        default: false
        }
    }

    /// This program's own path, to start it as the responder for `sync PATH`.
    static func currentExecutable() throws -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TransportError.cannotStart("cannot find this program's executable to serve the other replica")
        }
        return path
    }

    /// `text` single-quoted for a POSIX shell.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

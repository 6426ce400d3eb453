import Foundation
import MarginaliaStore
import MarginaliaSync
import MarginaliaCore
import MarginaliaIdentity
import NIOCore
import NIOPosix
import NIOSSL

/// `serve --listen` and `hub --listen`: accepts many clients at once, each running the
/// responder's side of a session on the one store (a replica, whose writes its queue
/// serializes, or a hub, whose transactions PostgreSQL orders).
///
/// Over TLS a client is checked by its certificate's fingerprint before any line is
/// read or written: a trusted one is served; an unknown one is refused in the
/// handshake, unless the server has a token that it may prove to pair.
///
/// A client gets `handshakeTimeout` to send its hello and must then make progress
/// every `idleTimeout` (see `ConnectionTimeouts`); a silent or trickling client is
/// cut off without slowing the others.
public final class TCPServer: Sendable {
    public struct Options: Sendable {
        public var handshakeTimeout: TimeAmount = .seconds(10)
        public var idleTimeout: TimeAmount = .seconds(60)
        /// How long sessions under way may take to finish once shutdown is asked for.
        public var shutdownGracePeriod: Duration = .seconds(5)
        public init() {}
    }

    let store: any ServedStore
    let security: TCPSecurity
    let options: Options
    let log: @Sendable (String) -> Void
    /// The store's identity and the TLS context presenting it (over TLS only).
    private let tls: (identity: ReplicaIdentity, context: NIOSSLContext)?
    private let active = ActiveConnections()

    public init(store: any ServedStore, security: TCPSecurity, options: Options = Options(),
                log: @escaping @Sendable (String) -> Void) async throws {
        self.store = store
        self.security = security
        self.options = options
        self.log = log
        if case .tls = security {
            let identity = try await store.tlsIdentity()
            tls = (identity, try TLSContexts.server(identity))
        } else {
            tls = nil
        }
    }

    /// Binds `address`; `onReady` receives the bound address (with the real port when 0 was asked).
    /// Serves until `shutdown` completes, then closes the listener, gives running sessions
    /// `shutdownGracePeriod` to finish, and cuts off the rest (an idle client would
    /// otherwise hold the server until its idle timeout).
    public func run(
        on address: TCPAddress, onReady: @Sendable (TCPAddress) -> Void, until shutdown: @escaping @Sendable () async -> Void
    ) async throws {
        let options = self.options
        let tls = self.tls
        let verdict = self.verdict
        let server: NIOAsyncChannel<Connection, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: address.host, port: address.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let timeouts = ConnectionTimeouts(
                            handshakeTimeout: options.handshakeTimeout, idleTimeout: options.idleTimeout)
                        var secured: (check: PeerCertificateCheck, handshake: EventLoopFuture<Void>)?
                        if let tls {
                            let check = PeerCertificateCheck(decide: verdict)
                            let completion = HandshakeCompletion(eventLoop: channel.eventLoop)
                            try channel.pipeline.syncOperations.addHandlers([
                                NIOSSLServerHandler(context: tls.context, customVerificationCallback: check.verify),
                                completion,
                            ])
                            secured = (check, completion.completed)
                        }
                        try channel.pipeline.syncOperations.addHandlers([
                            ByteToMessageHandler(LineFrameDecoder()), timeouts,
                        ])
                        return Connection(
                            channel: try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel),
                            peer: TCPAddress(channel.remoteAddress)?.description ?? "an unknown address",
                            timeout: timeouts.record, check: secured?.check, handshake: secured?.handshake)
                    }
                }
        } catch {
            throw TransportError.io("cannot listen on \(address): \(SocketFailure.reason(error))")
        }
        let bound = server.channel.localAddress
        onReady(TCPAddress(host: bound?.ipAddress ?? address.host, port: bound?.port ?? address.port))
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                await shutdown()
                server.channel.close(promise: nil)
                await self.drain(within: options.shutdownGracePeriod)
            }
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await self.serve(connection) }
                }
            }
        }
    }

    private func drain(within gracePeriod: Duration) async {
        let deadline = ContinuousClock.now + gracePeriod
        while !active.isEmpty && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        active.closeAll()
    }

    /// An accepted client: its channel, its address (read at once: a client the
    /// handshake refused is gone by the time it is logged), what its timeouts noted, and
    /// over TLS, the check of its certificate and the handshake to wait for.
    struct Connection: Sendable {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        let peer: String
        let timeout: TimeoutRecord
        let check: PeerCertificateCheck?
        let handshake: EventLoopFuture<Void>?
    }

    /// Whether to serve a client presenting `seen`: trusted ones, and any other when
    /// the token can pair it. Trust is read at each handshake, so `trust add` and
    /// `trust rm` apply to a running server.
    @Sendable private func verdict(on seen: Fingerprint) async -> PeerCertificateCheck.Verdict {
        do {
            if try await store.trusts(seen) { return .verified }
        } catch {
            if let unavailable = store.unavailability(error) {
                log("told fingerprint \(seen) to try again later: the trusted peers cannot be read (\(error))")
                return .unavailable(unavailable)
            }
            return .refused("refused fingerprint \(seen): the trusted peers cannot be read (\(error))")
        }
        if case .tls(.some, _) = security { return .mustPair }
        return .refused("refused fingerprint \(seen): not trusted (to accept it: marginalia trust add \(seen))")
    }

    /// How the session admits the client on `connection`, once its TLS handshake is done.
    private func admission(for connection: Connection) async throws -> PeerAdmission {
        switch security {
        case .plaintext(let token):
            return .tokenOnly(token)
        case .tls(let token, _):
            guard let check = connection.check, let handshake = connection.handshake, let tls else {
                preconditionFailure("a TLS server accepted a connection without TLS")
            }
            do {
                try await handshake.get()
            } catch {
                if case .refused(let reason) = check.verdict { throw TransportError.untrustedPeer(reason) }
                throw TransportError.io("TLS handshake failed: \(TLSFailure.reason(error))")
            }
            return check.admission(store: store, own: tls.identity.fingerprint, role: .responder, token: token)
        }
    }

    private func serve(_ connection: Connection) async {
        let channel = connection.channel
        let peer = connection.peer
        active.insert(channel.channel)
        defer { active.remove(channel.channel) }
        do {
            let summary = try await channel.executeThenClose { inbound, outbound in
                let admission = try await self.admission(for: connection)
                let transport = AsyncChannelTransport(
                    inbound: inbound, outbound: outbound, allocator: channel.channel.allocator)
                let summary = try await SyncSession(store: store, transport: transport, admission: admission)
                    .run(as: .responder)
                await transport.finishAndAwaitHangUp()
                return summary
            }
            log("\(peer): \(summary.line)")
        } catch {
            // A timeout closes the connection under the session, which then sees a hang-up
            // or half a line: what the client was told, and what happened, is the timeout.
            log("\(peer): " + (connection.timeout.reason.map { "timed out: \($0)" } ?? "\(error)"))
        }
    }
}

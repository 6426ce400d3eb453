import Foundation
import MarginaliaStore
import MarginaliaSync
import NIOCore
import NIOPosix

/// `serve --listen`: accepts many clients at once, each running the responder's side
/// of a session on the one replica (whose writes are serialized by its queue).
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

    let replica: Replica
    let authenticator: Authenticator
    let options: Options
    let log: @Sendable (String) -> Void
    private let active = ActiveConnections()

    public init(replica: Replica, authenticator: Authenticator, options: Options = Options(),
                log: @escaping @Sendable (String) -> Void) {
        self.replica = replica
        self.authenticator = authenticator
        self.options = options
        self.log = log
    }

    /// Binds `address`; `onReady` receives the bound address (with the real port when 0 was asked).
    /// Serves until `shutdown` completes, then closes the listener, gives running sessions
    /// `shutdownGracePeriod` to finish, and cuts off the rest (an idle client would
    /// otherwise hold the server until its idle timeout).
    public func run(
        on address: TCPAddress, onReady: @Sendable (TCPAddress) -> Void, until shutdown: @escaping @Sendable () async -> Void
    ) async throws {
        let options = self.options
        let server: NIOAsyncChannel<Connection, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: address.host, port: address.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let timeouts = ConnectionTimeouts(
                            handshakeTimeout: options.handshakeTimeout, idleTimeout: options.idleTimeout)
                        try channel.pipeline.syncOperations.addHandlers([
                            ByteToMessageHandler(LineFrameDecoder()), timeouts,
                        ])
                        return Connection(
                            channel: try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel),
                            timeout: timeouts.record)
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

    /// An accepted client: its channel, and what its timeouts noted.
    struct Connection: Sendable {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        let timeout: TimeoutRecord
    }

    private func serve(_ connection: Connection) async {
        let channel = connection.channel
        let peer = TCPAddress(channel.channel.remoteAddress)?.description ?? "an unknown address"
        active.insert(channel.channel)
        defer { active.remove(channel.channel) }
        do {
            let summary = try await channel.executeThenClose { inbound, outbound in
                let transport = AsyncChannelTransport(
                    inbound: inbound, outbound: outbound, allocator: channel.channel.allocator)
                return try await SyncSession(replica: replica, transport: transport, authenticator: authenticator)
                    .run(as: .responder)
            }
            log("\(peer): \(summary.line)")
        } catch {
            // A timeout closes the connection under the session, which then sees a hang-up
            // or half a line: what the client was told, and what happened, is the timeout.
            log("\(peer): " + (connection.timeout.reason.map { "timed out: \($0)" } ?? "\(error)"))
        }
    }
}

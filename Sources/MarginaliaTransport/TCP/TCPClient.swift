import MarginaliaStore
import MarginaliaSync
import NIOCore
import NIOPosix

/// `sync tcp://HOST:PORT`: connects and runs the initiator's side of a session.
public enum TCPClient {
    public static func sync(
        replica: Replica, address: TCPAddress, authenticator: Authenticator, findingDivergence: Bool = false,
        progress: ((SyncProgress) -> Void)? = nil
    ) async throws -> SyncSummary {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: address.host, port: address.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw TransportError.io("cannot connect to \(address): \(SocketFailure.reason(error))")
        }
        return try await channel.executeThenClose { inbound, outbound in
            let transport = AsyncChannelTransport(
                inbound: inbound, outbound: outbound, allocator: channel.channel.allocator)
            return try await SyncSession(
                replica: replica, transport: transport, authenticator: authenticator,
                findingDivergence: findingDivergence, progress: progress
            ).run(as: .initiator)
        }
    }
}

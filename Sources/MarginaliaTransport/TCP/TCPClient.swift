import MarginaliaCore
import MarginaliaStore
import MarginaliaSync
import NIOCore
import NIOPosix
import NIOSSL

/// `sync tls://HOST:PORT`: connects and runs the initiator's side of a session.
public enum TCPClient {
    public static func sync(
        replica: Replica, address: TCPAddress, security: TCPSecurity, findingDivergence: Bool = false,
        progress: ((SyncProgress) -> Void)? = nil
    ) async throws -> SyncSummary {
        switch security {
        case .plaintext(let token):
            let (channel, _) = try await connect(to: address) { _ in nil }
            return try await run(
                replica, on: channel, admission: .tokenOnly(token), findingDivergence: findingDivergence, progress: progress)
        case .tls(let token, let pinned):
            let identity = try replica.identity()
            let context = try TLSContexts.client(identity)
            let trusted = Set(try replica.trustedPeers().map(\.fingerprint))
            let check = PeerCertificateCheck { seen in
                verdict(on: seen, at: address, pinned: pinned, trusted: trusted, canPair: token != nil)
            }
            let (channel, handshake) = try await connect(to: address) { channel in
                let completion = HandshakeCompletion(eventLoop: channel.eventLoop)
                try channel.pipeline.syncOperations.addHandlers([
                    try NIOSSLClientHandler(context: context, serverHostname: nil, customVerificationCallback: check.verify),
                    completion,
                ])
                return completion.completed
            }
            do {
                try await handshake?.get()
            } catch {
                try? await channel.channel.close()
                if case .refused(let reason) = check.verdict { throw TransportError.untrustedPeer(reason) }
                throw TransportError.io("TLS handshake with \(address) failed: \(TLSFailure.reason(error))")
            }
            let admission = check.admission(store: replica, own: identity.fingerprint, role: .initiator, token: token)
            let refusedUs = "\(address) refused this replica's certificate (fingerprint \(identity.fingerprint)): "
                + "its owner can run `marginalia trust add \(identity.fingerprint)`, or pair with --token-file"
            return try await run(
                replica, on: channel, admission: admission, refusedUs: refusedUs, findingDivergence: findingDivergence,
                progress: progress)
        }
    }

    /// Whether to go on with a server presenting `seen`: its pinned fingerprint only,
    /// when one is pinned (anything else may be someone in the middle); otherwise a
    /// trusted one, or any when the token can pair it.
    static func verdict(
        on seen: Fingerprint, at address: TCPAddress, pinned: Fingerprint?, trusted: Set<Fingerprint>, canPair: Bool
    ) -> PeerCertificateCheck.Verdict {
        if let pinned {
            return seen == pinned ? .verified : .refused(
                "tls://\(address) presented fingerprint \(seen), but \(pinned) is pinned: refused "
                    + "(someone may be in the middle; if its owner ran `identity rotate`, check the new one and pin it)")
        }
        if trusted.contains(seen) { return .verified }
        if canPair { return .mustPair }
        return .refused(
            "tls://\(address) presented fingerprint \(seen), which this replica does not trust: check it with "
                + "the server's owner (`marginalia identity` there), then run: marginalia trust add \(seen)")
    }

    /// Connects, `securing` the channel first (adding TLS, and returning when its
    /// handshake completes) unless it returns nil.
    private static func connect(
        to address: TCPAddress, securing: @escaping @Sendable (any Channel) throws -> EventLoopFuture<Void>?
    ) async throws -> (NIOAsyncChannel<ByteBuffer, ByteBuffer>, EventLoopFuture<Void>?) {
        do {
            return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: address.host, port: address.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handshake = try securing(channel)
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
                        return (try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel), handshake)
                    }
                }
        } catch {
            throw TransportError.io("cannot connect to \(address): \(SocketFailure.reason(error))")
        }
    }

    private static func run(
        _ replica: Replica, on channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, admission: PeerAdmission,
        refusedUs: String? = nil, findingDivergence: Bool, progress: ((SyncProgress) -> Void)?
    ) async throws -> SyncSummary {
        try await channel.executeThenClose { inbound, outbound in
            let transport = AsyncChannelTransport(
                inbound: inbound, outbound: outbound, allocator: channel.channel.allocator, certificateRefused: refusedUs)
            return try await SyncSession(
                store: replica, transport: transport, admission: admission, findingDivergence: findingDivergence,
                progress: progress
            ).run(as: .initiator)
        }
    }
}

import Foundation
import MarginaliaSync
import NIOCore

/// Protocol lines over a SwiftNIO channel (TCP or TLS, both ends).
final class AsyncChannelTransport: LineTransport {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: ByteBuffer
    private let allocator: ByteBufferAllocator
    private let certificateRefused: String?

    /// `certificateRefused` is what to say when the peer's TLS refuses our certificate
    /// after the handshake (in TLS 1.3 a client learns it only at its first read).
    init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        allocator: ByteBufferAllocator, certificateRefused: String? = nil
    ) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.allocator = allocator
        self.certificateRefused = certificateRefused
        pending = allocator.buffer(capacity: 1 << 16)
    }

    func receiveLine() async throws -> [UInt8]? {
        guard let buffer = try await reportingConnectionLoss({ try await inbound.next() }) else { return nil }
        return Array(buffer.readableBytesView)
    }

    func send(_ line: Data) async throws {
        pending.writeBytes(line)
        pending.writeInteger(UInt8(ascii: "\n"))
        if pending.readableBytes >= 1 << 16 { try await flush() }
    }

    func flush() async throws {
        guard pending.readableBytes > 0 else { return }
        let chunk = pending
        pending = allocator.buffer(capacity: 1 << 16)
        try await reportingConnectionLoss { try await outbound.write(chunk) }
    }

    /// Finishes the writer. The channel does not half-close, so the connection stays
    /// open: its idle timeout bounds the wait for the peer.
    func finishSending() async throws {
        try await flush()
        outbound.finish()
    }

    /// Ends our side and waits until the peer hangs up (or the connection fails). The
    /// server speaks last: closing the channel at once would drop its last writes still
    /// queued there, and the client hangs up only once it has read them all.
    func finishAndAwaitHangUp() async {
        outbound.finish()
        while (try? await inbound.next()) != nil {}
    }

    /// Runs a channel operation, turning SwiftNIO's socket errors (a reset, a write to a
    /// closed channel) into a `TransportError` that says the connection was lost, so they
    /// end the sync as a failed sync rather than surfacing as raw system-call names.
    private func reportingConnectionLoss<Result>(_ operation: () async throws -> Result) async throws -> Result {
        do {
            return try await operation()
        } catch let error as ProtocolError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch where TLSFailure.isTLS(error) {
            if let certificateRefused, TLSFailure.isCertificateRefusal(error) {
                throw TransportError.untrustedPeer(certificateRefused)
            }
            throw TransportError.io("connection lost: \(TLSFailure.reason(error))")
        } catch let error as IOError {
            throw TransportError.io("connection lost: \(String(cString: strerror(error.errnoCode)))")
        } catch {
            throw TransportError.io("connection lost: \(error)")
        }
    }
}

import Foundation
import MarginaliaSync
import NIOCore

/// Protocol lines over a SwiftNIO channel (TCP, both ends).
final class AsyncChannelTransport: LineTransport {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: ByteBuffer
    private let allocator: ByteBufferAllocator

    init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        allocator: ByteBufferAllocator
    ) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.allocator = allocator
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
        } catch let error as IOError {
            throw TransportError.io("connection lost: \(String(cString: strerror(error.errnoCode)))")
        } catch {
            throw TransportError.io("connection lost: \(error)")
        }
    }
}

import Foundation
import MarginaliaSync
import NIOCore
import NIOEmbedded
import Testing

@testable import MarginaliaTransport

/// The server's per-connection timeouts on an `EmbeddedChannel`, whose event loop runs
/// on a virtual clock: time passes only when the test advances it.
@Suite struct ConnectionTimeoutsTests {
    private let handshake = TimeAmount.seconds(10)
    private let idle = TimeAmount.seconds(60)

    private func connected() throws -> (EmbeddedChannel, ConnectionTimeouts) {
        let timeouts = ConnectionTimeouts(handshakeTimeout: handshake, idleTimeout: idle)
        let channel = EmbeddedChannel(handler: timeouts)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 7_000)).wait()
        return (channel, timeouts)
    }

    /// The peer was sent a `timeout` error naming `reason`, the connection closed, and
    /// the server's log will say why.
    private func expectEnded(
        _ channel: EmbeddedChannel, _ timeouts: ConnectionTimeouts, because reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let line = try #require(try channel.readOutbound(as: ByteBuffer.self), sourceLocation: sourceLocation)
        let bytes = Array(line.readableBytesView)
        #expect(bytes.last == UInt8(ascii: "\n"), sourceLocation: sourceLocation)
        let message = try MessageCoding().decode(bytes.dropLast(), lineNumber: 1)
        #expect(message == .error(ProtocolError(.timeout, reason)), sourceLocation: sourceLocation)
        #expect(!channel.isActive, sourceLocation: sourceLocation)
        #expect(timeouts.record.reason == reason, sourceLocation: sourceLocation)
    }

    @Test func aSilentClientIsCutOffAtTheHandshakeTimeout() throws {
        let (channel, timeouts) = try connected()
        channel.embeddedEventLoop.advanceTime(by: handshake - .nanoseconds(1))
        #expect(channel.isActive)
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        channel.embeddedEventLoop.advanceTime(by: .nanoseconds(1))
        try expectEnded(channel, timeouts, because: "no hello within the handshake timeout")
    }

    /// After the first line, the idle period applies, and each line starts it again.
    @Test func eachLineReceivedPostponesTheIdleTimeout() throws {
        let (channel, timeouts) = try connected()
        try channel.writeInbound(ByteBuffer(string: "hello"))
        channel.embeddedEventLoop.advanceTime(by: handshake)
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: idle - handshake - .nanoseconds(1))
        try channel.writeInbound(ByteBuffer(string: "change"))
        channel.embeddedEventLoop.advanceTime(by: idle - .nanoseconds(1))
        #expect(channel.isActive)
        #expect(try channel.readInbound(as: ByteBuffer.self).map { String(buffer: $0) } == "hello")
        channel.embeddedEventLoop.advanceTime(by: .nanoseconds(1))
        try expectEnded(channel, timeouts, because: "no progress within the idle timeout")
    }

    /// A long answer to a client that keeps reading is progress; before the handshake,
    /// writes are not (only the client's hello ends that period).
    @Test func writesAcceptedAfterTheHandshakeAreProgress() throws {
        let (channel, _) = try connected()
        try channel.writeOutbound(ByteBuffer(string: "challenge\n"))
        channel.embeddedEventLoop.advanceTime(by: handshake)
        #expect(!channel.isActive)

        let (answering, _) = try connected()
        try answering.writeInbound(ByteBuffer(string: "hello"))
        for _ in 0..<5 {
            answering.embeddedEventLoop.advanceTime(by: idle - .nanoseconds(1))
            try answering.writeOutbound(ByteBuffer(string: "change\n"))
        }
        #expect(answering.isActive)
    }

    @Test func aClosedConnectionFiresNoTimeout() throws {
        let (channel, timeouts) = try connected()
        try channel.close().wait()
        channel.embeddedEventLoop.advanceTime(by: handshake)
        #expect(timeouts.record.reason == nil)
    }
}

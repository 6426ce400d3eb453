import MarginaliaSync
import NIOCore

/// Ends connections that go quiet: before the handshake completes (the client's
/// `hello` arrives) within `handshakeTimeout`, and afterwards when the idle handler
/// reports no input for its read timeout. The peer is told why in an `error` line.
final class ConnectionTimeouts: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let handshakeTimeout: TimeAmount
    private var handshakeTimer: Scheduled<Void>?
    private var sawFirstLine = false

    init(handshakeTimeout: TimeAmount) {
        self.handshakeTimeout = handshakeTimeout
    }

    func channelActive(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        handshakeTimer = context.eventLoop.scheduleTask(in: handshakeTimeout) {
            let (handler, context) = loopBound.value
            handler.end(context, "no hello within the handshake timeout")
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !sawFirstLine, unwrapInboundIn(data).readableBytesView.contains(UInt8(ascii: "\n")) {
            sawFirstLine = true
            handshakeTimer?.cancel()
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            end(context, "no input within the idle timeout")
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshakeTimer?.cancel()
        context.fireChannelInactive()
    }

    private func end(_ context: ChannelHandlerContext, _ reason: String) {
        var line = context.channel.allocator.buffer(capacity: 128)
        if let data = try? MessageCoding().encode(.error(ProtocolError(.timeout, reason))) {
            line.writeBytes(data)
            line.writeInteger(UInt8(ascii: "\n"))
        }
        context.writeAndFlush(wrapOutboundOut(line)).whenComplete { _ in context.close(promise: nil) }
    }
}

import MarginaliaSync
import NIOCore

/// Ends connections that stop making progress, telling the peer why in an `error` line.
///
/// Before the handshake the client has `handshakeTimeout` to send its first complete
/// line. Afterwards the session must progress at least once per `idleTimeout`: a
/// complete line received, or a write of ours accepted by the peer. So a silent
/// client, one trickling a byte a second (bytes without a complete line are not
/// progress), and one that stops reading while we send are all cut off, while a long
/// transfer in either direction is not. Sits after the line decoder, so it sees lines.
final class ConnectionTimeouts: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let handshakeTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private var timer: Scheduled<Void>?
    private var handshaken = false
    /// Where the timeout that ended the connection is noted, for the server's log.
    let record = TimeoutRecord()

    init(handshakeTimeout: TimeAmount, idleTimeout: TimeAmount) {
        self.handshakeTimeout = handshakeTimeout
        self.idleTimeout = idleTimeout
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, after: handshakeTimeout, reason: "no hello within the handshake timeout")
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        handshaken = true
        progressed(context)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let written = promise ?? context.eventLoop.makePromise()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        written.futureResult.whenSuccess {
            let (handler, context) = loopBound.value
            if handler.handshaken { handler.progressed(context) }
        }
        context.write(data, promise: written)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        context.fireChannelInactive()
    }

    private func progressed(_ context: ChannelHandlerContext) {
        arm(context, after: idleTimeout, reason: "no progress within the idle timeout")
    }

    private func arm(_ context: ChannelHandlerContext, after delay: TimeAmount, reason: String) {
        timer?.cancel()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: delay) {
            let (handler, context) = loopBound.value
            handler.end(context, reason)
        }
    }

    private func end(_ context: ChannelHandlerContext, _ reason: String) {
        record.record(reason)
        var line = context.channel.allocator.buffer(capacity: 128)
        if let data = try? MessageCoding().encode(.error(ProtocolError(.timeout, reason))) {
            line.writeBytes(data)
            line.writeInteger(UInt8(ascii: "\n"))
        }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(line)).whenComplete { _ in channel.close(promise: nil) }
    }
}

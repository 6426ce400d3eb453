import NIOCore
import NIOTLS

/// Tells when a connection's TLS handshake has completed, or why it never will, so that
/// no session starts (and no line is read or written) before the peer is checked.
final class HandshakeCompletion: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let promise: EventLoopPromise<Void>
    private var settled = false

    /// Completes when the handshake does; fails with its error, or when the connection ends first.
    var completed: EventLoopFuture<Void> { promise.futureResult }

    init(eventLoop: any EventLoop) {
        promise = eventLoop.makePromise()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { settle { $0.succeed(()) } }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        settle { $0.fail(error) }
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        settle { $0.fail(ChannelError.eof) }
        context.fireChannelInactive()
    }

    /// A connection that never became active (a refused connect) only removes its
    /// handlers: the promise must not be left pending.
    func handlerRemoved(context: ChannelHandlerContext) {
        settle { $0.fail(ChannelError.eof) }
    }

    private func settle(_ body: (EventLoopPromise<Void>) -> Void) {
        guard !settled else { return }
        settled = true
        body(promise)
    }
}

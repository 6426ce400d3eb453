import MarginaliaSync
import NIOCore

/// Splits a TCP byte stream into protocol lines (newline removed), refusing any line
/// longer than the protocol's maximum before buffering it whole.
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    let maximumLineBytes: Int
    private var scanned = 0

    init(maximumLineBytes: Int = ProtocolConstants.maximumLineBytes) {
        self.maximumLineBytes = maximumLineBytes
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        let start = view.startIndex
        if let newline = view[(start + scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - start
            guard length <= maximumLineBytes else { throw Self.tooLong(length) }
            let line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            scanned = 0
            context.fireChannelRead(Self.wrapInboundOut(line))
            return .continue
        }
        scanned = view.count
        if view.count > maximumLineBytes { throw Self.tooLong(view.count) }
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0 {
            throw ProtocolError(.malformedLine, "the connection ended inside a line (no final newline)")
        }
        return .needMoreData
    }

    private static func tooLong(_ count: Int) -> ProtocolError {
        ProtocolError(.lineTooLong, "a line of more than \(ProtocolConstants.maximumLineBytes) bytes (at least \(count))")
    }
}

import MarginaliaSync
import NIOCore
import NIOEmbedded
import Testing

@testable import MarginaliaTransport

/// The TCP line splitter on an `EmbeddedChannel`: bytes in, lines out, nothing else.
@Suite struct LineFrameDecoderTests {
    private func channel(maximumLineBytes: Int = 8) -> EmbeddedChannel {
        EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(maximumLineBytes: maximumLineBytes)))
    }

    private func lines(_ channel: EmbeddedChannel) throws -> [String] {
        var lines: [String] = []
        while let line = try channel.readInbound(as: ByteBuffer.self) { lines.append(String(buffer: line)) }
        return lines
    }

    @Test func linesSplitAcrossReadsComeOutWhole() throws {
        let channel = channel(maximumLineBytes: 16)
        try channel.writeInbound(ByteBuffer(string: "Hà"))
        #expect(try lines(channel).isEmpty)
        try channel.writeInbound(ByteBuffer(string: " Nội\n\nab\ncd"))
        #expect(try lines(channel) == ["Hà Nội", "", "ab"])
        try channel.writeInbound(ByteBuffer(string: "\n"))
        #expect(try lines(channel) == ["cd"])
        #expect(try channel.finish().isClean)
    }

    @Test func aLineOfExactlyTheMaximumIsAccepted() throws {
        let channel = channel()
        try channel.writeInbound(ByteBuffer(string: "12345678\n"))
        #expect(try lines(channel) == ["12345678"])
    }

    /// Refused as soon as more than the maximum is buffered, before any newline.
    @Test func aLongerLineIsRefusedBeforeItsNewline() throws {
        let channel = channel()
        try channel.writeInbound(ByteBuffer(string: "1234"))
        let error = #expect(throws: ProtocolError.self) {
            try channel.writeInbound(ByteBuffer(string: "56789"))
        }
        #expect(error?.code == .lineTooLong)
        #expect(try lines(channel).isEmpty)
    }

    @Test func aLongerLineWithItsNewlineIsRefused() throws {
        let channel = channel()
        let error = #expect(throws: ProtocolError.self) {
            try channel.writeInbound(ByteBuffer(string: "123456789\n"))
        }
        #expect(error?.code == .lineTooLong)
    }

    @Test func inputEndingInsideALineIsMalformed() throws {
        let channel = channel()
        try channel.writeInbound(ByteBuffer(string: "done\nhal"))
        #expect(try lines(channel) == ["done"])
        let error = #expect(throws: ProtocolError.self) { try channel.finish() }
        #expect(error?.code == .malformedLine)
    }

    @Test func inputEndingAfterANewlineIsACleanEnd() throws {
        let channel = channel()
        try channel.writeInbound(ByteBuffer(string: "done\n"))
        #expect(try lines(channel) == ["done"])
        #expect(try channel.finish().isClean)
    }
}

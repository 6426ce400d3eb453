import Foundation

/// A bidirectional stream of protocol lines. Every transport (pipes to a child
/// process, standard input and output, TCP, bundle files) implements it, and
/// `SyncSession` runs over any of them.
public protocol LineTransport: AnyObject {
    /// The next line without its newline, or nil at the end of input. Throws
    /// `ProtocolError` (`line_too_long`) for a line over the maximum, or an I/O error.
    func receiveLine() async throws -> [UInt8]?
    /// Queues one line (without its newline) for sending.
    func send(_ line: Data) async throws
    /// Sends everything queued.
    func flush() async throws
    /// Sends everything queued, then, where the transport can, closes the sending side,
    /// so that the peer reads the end after the last line. A responder does this once
    /// its half is sent, before it listens for the initiator's last word: a peer still
    /// waiting for lines (an answer lost on the way) then sees the end instead of both
    /// waiting for each other. Where the sending side cannot close alone (TCP), the
    /// connection's timeouts bound that wait.
    func finishSending() async throws
}

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
}

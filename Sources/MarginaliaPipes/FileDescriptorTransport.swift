import Foundation
import MarginaliaSync

/// Protocol lines over a pair of file descriptors: standard input and output for
/// `serve --stdio`, the pipes of a child process for `sync exec:`, a file for bundles.
///
/// Reads in large chunks and splits lines itself (reading line by line from a pipe
/// is thirty times slower), and enforces the maximum line length while reading, so
/// a peer cannot make it buffer an endless line.
public final class FileDescriptorTransport: LineTransport {
    private let input: Int32?
    private let output: Int32?
    private var buffer: [UInt8] = []
    private var scanned = 0
    private var consumed = 0
    private var atEnd = false
    private var outgoing: [UInt8] = []
    private let maximumLineBytes: Int
    private let linger: Duration
    /// Whether `finishSending` was called: reads wait at most `linger` from then on.
    private var lingering = false

    /// Either side may be absent: a bundle is read or written, never both.
    ///
    /// `linger`: once sending is finished, how long a read waits for the peer's next
    /// bytes before taking the silence for a hang-up. A peer reads the end of a pipe only
    /// once nothing else holds it open, and a shell running `serve --stdio | filter`
    /// holds it until `serve` exits: a peer still waiting for lines there (an answer lost
    /// on the way) would never hang up, and both would wait for ever. (Over TCP, the
    /// connection's idle timeout ends that wait.)
    public init(
        input: Int32?, output: Int32?, maximumLineBytes: Int = ProtocolConstants.maximumLineBytes,
        linger: Duration = .seconds(20)
    ) {
        self.input = input
        self.output = output
        self.maximumLineBytes = maximumLineBytes
        self.linger = linger
    }

    public func receiveLine() async throws -> [UInt8]? {
        guard let input else { throw TransportError.notReadable }
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[consumed..<newline])
                consumed = newline + 1
                scanned = consumed
                compact()
                guard line.count <= maximumLineBytes else { throw Self.tooLong(line.count) }
                return line
            }
            scanned = buffer.count
            if buffer.count - consumed > maximumLineBytes { throw Self.tooLong(buffer.count - consumed) }
            if atEnd {
                guard consumed == buffer.count else {
                    throw ProtocolError(.malformedLine, "the input ends inside a line (no final newline)")
                }
                return nil
            }
            let wait = lingering ? linger : nil
            let chunk: [UInt8] = try await Self.offload {
                // Silence past the linger reads as the end of input.
                if let wait, try !Self.awaitReadable(input, within: wait) { return [] }
                return try Self.readChunk(from: input)
            }
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    public func send(_ line: Data) async throws {
        outgoing.append(contentsOf: line)
        outgoing.append(UInt8(ascii: "\n"))
        if outgoing.count >= 1 << 16 { try await flush() }
    }

    public func flush() async throws {
        guard let output else { throw TransportError.notWritable }
        let bytes = outgoing
        outgoing.removeAll(keepingCapacity: true)
        try await Self.offload { try Self.writeAll(bytes, to: output) }
    }

    /// A socket is shut down for writing (its reading side stays open); a pipe is closed
    /// by putting /dev/null in its place, so that the descriptor stays valid for whoever
    /// owns it.
    public func finishSending() async throws {
        try await flush()
        lingering = true
        guard let output, shutdown(output, Int32(SHUT_WR)) != 0, errno == ENOTSOCK else { return }
        let empty = open("/dev/null", O_WRONLY)
        guard empty >= 0 else { throw TransportError.io("cannot open /dev/null: \(String(cString: strerror(errno)))") }
        defer { close(empty) }
        guard dup2(empty, output) >= 0 else {
            throw TransportError.io("cannot close the output to the peer: \(String(cString: strerror(errno)))")
        }
    }

    /// Runs blocking I/O on a dispatch thread, never on Swift's cooperative pool: two
    /// sessions in one process (a test, a server) blocking there could starve each other.
    private static func offload<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        do {
            try FileDescriptorWriter.writeAll(bytes, to: descriptor)
        } catch {
            throw TransportError.io("cannot write to the peer: \(String(cString: strerror(error.code.rawValue)))")
        }
    }

    /// Reads what is available (up to 64 KiB); empty at the end of input.
    private static func readChunk(from descriptor: Int32) throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Array(chunk[0..<count]) }
            if errno != EINTR {
                throw TransportError.io("cannot read from the peer: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Whether `descriptor` has something to read (or its end) within `duration`.
    private static func awaitReadable(_ descriptor: Int32, within duration: Duration) throws -> Bool {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Int32(clamping: seconds * 1_000 + attoseconds / 1_000_000_000_000_000)
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready >= 0 { return ready > 0 }
            if errno != EINTR {
                throw TransportError.io("cannot wait for the peer: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Drops consumed bytes once they dominate the buffer, keeping memory bounded.
    private func compact() {
        if consumed > 1 << 20 && consumed * 2 > buffer.count {
            buffer.removeFirst(consumed)
            scanned -= consumed
            consumed = 0
        }
    }

    private static func tooLong(_ count: Int) -> ProtocolError {
        ProtocolError(.lineTooLong, "a line of more than \(ProtocolConstants.maximumLineBytes) bytes (at least \(count))")
    }
}

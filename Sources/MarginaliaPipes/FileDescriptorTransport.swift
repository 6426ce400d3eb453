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

    /// Either side may be absent: a bundle is read or written, never both.
    public init(input: Int32?, output: Int32?, maximumLineBytes: Int = ProtocolConstants.maximumLineBytes) {
        self.input = input
        self.output = output
        self.maximumLineBytes = maximumLineBytes
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
            let chunk = try await Self.offload { try Self.readChunk(from: input) }
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

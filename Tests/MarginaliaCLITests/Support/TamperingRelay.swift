import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP relay between one client and a server that alters what the server sends: in
/// the first change line holding `marker`, the lowest bit of the marker's last byte is
/// flipped (`6h` becomes `6i`), so the line still parses and the change is still well
/// formed, only different from the one the server holds. Everything else passes as is.
/// (`@unchecked`: the listener and the connections are used by the relay's threads only,
/// each connection direction by one thread.)
final class TamperingRelay: @unchecked Sendable {
    private let listener: RawListener
    private let serverPort: Int
    private let marker: String
    /// Whether the marker was found and altered (once both directions have ended).
    private let done = DispatchSemaphore(value: 0)
    private let flipped = LockedFlag()

    /// 127.0.0.1:`port` accepts the client.
    var port: Int { listener.port }

    init(to serverPort: Int, flipping marker: String) throws {
        listener = try RawListener()
        self.serverPort = serverPort
        self.marker = marker
        Thread.detachNewThread { [self] in relayOneClient() }
    }

    /// Waits for the client's connection to end; whether a change line was altered.
    func finish() -> Bool {
        done.wait()
        return flipped.value
    }

    private func relayOneClient() {
        defer { done.signal() }
        guard let client = try? listener.accept(), let server = try? RawConnection(port: serverPort) else { return }
        let upstream = DispatchSemaphore(value: 0)
        let pair = ConnectionPair(client: client, server: server)
        Thread.detachNewThread {
            Self.copyLines(from: pair.client, to: pair.server) { $0 }
            upstream.signal()
        }
        Self.copyLines(from: server, to: client) { [self] line in
            guard !flipped.value, line.hasPrefix(#"{"change":"#), let range = line.range(of: marker) else { return line }
            flipped.set()
            var bytes = Array(line.utf8)
            let last = line.utf8.distance(from: line.utf8.startIndex, to: range.upperBound) - 1
            bytes[last] ^= 1
            return String(decoding: bytes, as: UTF8.self)
        }
        upstream.wait()
    }

    /// Line by line until `source` ends, then ends `destination`'s input.
    private static func copyLines(from source: RawConnection, to destination: RawConnection, _ alter: (String) -> String) {
        defer { shutdown(destination.descriptorForReset, Int32(SHUT_WR)) }
        while let line = try? source.readLine() {
            guard (try? destination.send(line: alter(line))) != nil else { return }
        }
    }
}

/// Both ends, handed to the thread that copies the client's lines (`@unchecked`: each
/// direction reads one connection and writes the other).
private struct ConnectionPair: @unchecked Sendable {
    let client: RawConnection
    let server: RawConnection
}

/// A flag set once, read from other threads.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    var value: Bool { lock.withLock { isSet } }
    func set() { lock.withLock { isSet = true } }
}

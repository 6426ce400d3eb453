import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP relay on 127.0.0.1 between one client and a server that holds one direction once
/// a given number of its bytes have crossed: how the fault tests stop a session at a
/// chosen point (TLS hides the lines, so the point is a byte count), then kill a process
/// or stop PostgreSQL there, and let the session go on or cut it.
final class HoldingRelay: @unchecked Sendable {
    enum Direction: Sendable { case toServer, toClient }

    let port: Int
    private let listener: RawListener
    private let state = NSCondition()
    private var hold: (direction: Direction, after: Int)?
    private var crossed: [Direction: Int] = [.toServer: 0, .toClient: 0]
    /// Directions whose source has ended.
    private var finished: Set<Direction> = []
    private var isCut = false
    private var sockets: [Int32] = []

    /// Relays the first client to `serverPort`, holding `direction` after `bytes` bytes.
    init(toPort serverPort: Int, holding direction: Direction, after bytes: Int) throws {
        listener = try RawListener()
        port = listener.port
        hold = (direction, bytes)
        Thread.detachNewThread { [self] in
            guard let client = try? listener.accept(), let server = try? RawConnection(port: serverPort) else { return }
            let (clientSocket, serverSocket) = (client.descriptorForReset, server.descriptorForReset)
            state.withLock { sockets = [clientSocket, serverSocket] }
            let both = DispatchGroup()
            for (direction, from, to) in [(Direction.toServer, clientSocket, serverSocket), (.toClient, serverSocket, clientSocket)] {
                both.enter()
                Thread.detachNewThread {
                    self.pump(direction, from: from, to: to)
                    both.leave()
                }
            }
            both.wait()
            client.close()
            server.close()
        }
    }

    /// `tls://127.0.0.1:PORT`: the server through this relay.
    var target: String { "tls://127.0.0.1:\(port)" }

    /// Waits until the held direction has passed its bytes; false if the connection ended first.
    func waitUntilHeld() -> Bool {
        state.withLock {
            while let hold, !finished.contains(hold.direction), crossed[hold.direction]! < hold.after { state.wait() }
            return hold.map { !finished.contains($0.direction) } ?? true
        }
    }

    /// Lets everything through from now on.
    func release() {
        state.withLock { hold = nil }
        state.broadcast()
    }

    /// Ends both connections at once, as a network failure would (a process killed behind
    /// a held direction is seen only when its bytes are let through, or cut).
    func cut() {
        state.withLock {
            isCut = true
            for socket in sockets { shutdown(socket, Int32(SHUT_RDWR)) }
        }
        state.broadcast()
    }

    private func pump(_ direction: Direction, from source: Int32, to destination: Int32) {
        defer {
            shutdown(destination, Int32(SHUT_WR))
            state.withLock { _ = finished.insert(direction) }
            state.broadcast()
        }
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            var start = 0
            while start < count {
                guard let allowed = allowance(direction, wanted: count - start) else { return }
                let sent = buffer[start..<start + allowed].withUnsafeBytes { write(destination, $0.baseAddress, $0.count) }
                guard sent > 0 else { return }
                state.withLock { crossed[direction]! += sent }
                state.broadcast()
                start += sent
            }
        }
    }

    /// How many of `wanted` bytes may cross now, waiting while the direction is held; nil once cut.
    private func allowance(_ direction: Direction, wanted: Int) -> Int? {
        state.withLock {
            while !isCut, let hold, hold.direction == direction, crossed[direction]! >= hold.after { state.wait() }
            if isCut { return nil }
            guard let hold, hold.direction == direction else { return wanted }
            return min(wanted, hold.after - crossed[direction]!)
        }
    }
}

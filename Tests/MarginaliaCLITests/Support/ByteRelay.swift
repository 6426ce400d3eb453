import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP relay on 127.0.0.1 between one client and a server, as anyone on the path
/// could run: it records every byte that crosses it, and may flip one byte of the
/// server's stream (the server's `flipAt`th byte, counted from 0).
final class ByteRelay: @unchecked Sendable {
    let port: Int
    private let listener: RawListener
    private let lock = NSLock()
    private var crossed: [UInt8] = []
    private let done = DispatchGroup()

    init(toPort serverPort: Int, flipAt: Int? = nil) throws {
        listener = try RawListener()
        port = listener.port
        done.enter()
        Thread.detachNewThread { [self] in
            defer { done.leave() }
            guard let client = try? listener.accept(), let server = try? RawConnection(port: serverPort) else { return }
            let both = DispatchGroup()
            let (clientSocket, serverSocket) = (client.descriptorForReset, server.descriptorForReset)
            for (from, to, flip) in [(clientSocket, serverSocket, nil), (serverSocket, clientSocket, flipAt)] {
                both.enter()
                Thread.detachNewThread {
                    self.copy(from: from, to: to, flipAt: flip)
                    both.leave()
                }
            }
            both.wait()
            client.close()
            server.close()
        }
    }

    /// `target` through this relay: `tls://127.0.0.1:PORT`.
    var target: String { "tls://127.0.0.1:\(port)" }

    /// Every byte that crossed, both ways, once the connection has ended.
    func recorded() -> [UInt8] {
        done.wait()
        return lock.withLock { crossed }
    }

    private func copy(from source: Int32, to destination: Int32, flipAt: Int?) {
        defer { shutdown(destination, Int32(SHUT_WR)) }
        var offset = 0
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            var chunk = Array(buffer[..<count])
            if let flipAt, (offset..<offset + count).contains(flipAt) { chunk[flipAt - offset] ^= 0x01 }
            offset += count
            lock.withLock { crossed += chunk }
            var written = 0
            while written < chunk.count {
                let sent = chunk[written...].withUnsafeBytes { write(destination, $0.baseAddress, $0.count) }
                guard sent > 0 else { return }
                written += sent
            }
        }
    }
}

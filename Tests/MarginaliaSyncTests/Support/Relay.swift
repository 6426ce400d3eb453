import Foundation
import MarginaliaPipes

/// Copies bytes from one socket to another on its own thread, as a cable between two
/// peers would, and can be cut: after `budget` bytes it stops, so the receiver's input
/// ends there (possibly inside a line) and the sender's further writes fail.
final class Relay: Sendable {
    private let finished = DispatchSemaphore(value: 0)

    /// Starts copying from `source` to `destination` until `source` ends or `budget`
    /// bytes (when given) have passed.
    static func start(from source: Int32, to destination: Int32, budget: Int?) -> Relay {
        let relay = Relay()
        Thread.detachNewThread {
            copy(from: source, to: destination, budget: budget ?? .max)
            relay.finished.signal()
        }
        return relay
    }

    /// Waits until the copying has stopped.
    func wait() { finished.wait() }

    private static func copy(from source: Int32, to destination: Int32, budget: Int) {
        defer {
            shutdown(destination, Int32(SHUT_WR))
            shutdown(source, Int32(SHUT_RD))
        }
        var remaining = budget
        var buffer = [UInt8](repeating: 0, count: 4096)
        while remaining > 0 {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, min($0.count, remaining)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0, (try? FileDescriptorWriter.writeAll(Array(buffer[..<count]), to: destination)) != nil
            else { return }
            remaining -= count
        }
    }
}

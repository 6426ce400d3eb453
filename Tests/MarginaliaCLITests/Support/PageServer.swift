import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1 for `import URL`, on plain sockets so that every
/// response is the bytes the test names: redirects, errors, any Content-Type, a body
/// that stalls, one that never ends, one held back until the test lets it go. Each
/// response closes its connection. Stop it with `defer { server.stop() }`.
final class PageServer: @unchecked Sendable {
    enum Response {
        /// A complete response with a Content-Length.
        case page(status: String = "200 OK", contentType: String?, body: [UInt8])
        /// `302 Found` to `location`.
        case redirect(to: String)
        /// The head and the first bytes of a longer body, then nothing until the server stops.
        case stalled(contentType: String)
        /// A body written until the client hangs up; `announced` is its Content-Length, if any.
        case endless(contentType: String, announced: Int?)
        /// `first`, then `rest` once the test calls `release()`.
        case held(contentType: String, first: [UInt8], rest: [UInt8])
    }

    let port: Int
    private let listener: RawListener
    private let routes: [String: Response]
    private let state = NSCondition()
    private var requested: [String] = []
    private var released = false
    private var stopped = false
    private var connections: [RawConnection] = []
    private let threads = DispatchGroup()

    init(_ routes: [String: Response]) throws {
        self.routes = routes
        listener = try RawListener()
        port = listener.port
        threads.enter()
        Thread.detachNewThread { [self] in
            defer { threads.leave() }
            while let connection = try? listener.accept() {
                let accepted = state.withLock {
                    if !stopped { connections.append(connection) }
                    return !stopped
                }
                guard accepted else { return }
                threads.enter()
                // Only this thread uses the connection from now on (`stop` only shuts its socket down).
                nonisolated(unsafe) let handed = connection
                Thread.detachNewThread { [self] in
                    defer { threads.leave() }
                    serve(handed)
                }
            }
        }
    }

    /// The address of `path` on this server.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The paths requested so far, in order.
    var paths: [String] { state.withLock { requested } }

    /// Lets every `.held` response finish.
    func release() {
        state.withLock {
            released = true
            state.broadcast()
        }
    }

    /// Hangs up every connection and waits for the server's threads to end.
    func stop() {
        state.withLock {
            stopped = true
            state.broadcast()
            // Under the lock: a connection closes only after leaving the list, so its
            // descriptor cannot be another socket's by now.
            for connection in connections { Glibc.shutdown(connection.descriptorForReset, Int32(SHUT_RDWR)) }
        }
        listener.shutdown()
        threads.wait()
    }

    private func serve(_ connection: RawConnection) {
        defer {
            state.withLock { connections.removeAll { $0 === connection } }
            connection.close()
        }
        guard let requestLine = try? connection.readLine() else { return }
        while let line = try? connection.readLine(), !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {}
        let path = requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        state.withLock { requested.append(path) }
        switch routes[path] {
        case .page(let status, let contentType, let body):
            send(head(status, contentType: contentType, length: body.count) + body, to: connection)
        case .redirect(let location):
            send(head("302 Found", contentType: nil, length: 0, extra: ["Location: \(location)"]), to: connection)
        case .stalled(let contentType):
            send(head("200 OK", contentType: contentType, length: 100_000) + Array("<!DOCTYPE html><html>".utf8), to: connection)
            wait { $0.stopped }
        case .endless(let contentType, let announced):
            guard send(head("200 OK", contentType: contentType, length: announced), to: connection) else { return }
            let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 65_536)
            while !state.withLock({ stopped }), send(chunk, to: connection) {}
        case .held(let contentType, let first, let rest):
            send(head("200 OK", contentType: contentType, length: first.count + rest.count) + first, to: connection)
            wait { $0.released || $0.stopped }
            send(rest, to: connection)
        case nil:
            send(head("404 Not Found", contentType: "text/html", length: 0), to: connection)
        }
    }

    private func head(_ status: String, contentType: String?, length: Int?, extra: [String] = []) -> [UInt8] {
        var lines = ["HTTP/1.1 \(status)", "Connection: close"] + extra
        if let contentType { lines.append("Content-Type: \(contentType)") }
        if let length { lines.append("Content-Length: \(length)") }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    /// Writes `bytes` whole; false once the client has hung up (no SIGPIPE).
    @discardableResult
    private func send(_ bytes: [UInt8], to connection: RawConnection) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(connection.descriptorForReset, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private func wait(until condition: (PageServer) -> Bool) {
        state.withLock {
            while !condition(self) { state.wait() }
        }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `marginalia --db X serve --listen 127.0.0.1:0 [--token-file T]` (or a hub), started for
/// a test. Ready once it prints `serving … on HOST:PORT` on standard error, which gives the port.
final class ServerProcess {
    let node: ReplicaNode
    let tokenFile: String?
    private let running: RunningProcess
    private(set) var port = 0
    private var finished: RunResult?

    convenience init(_ node: ReplicaNode, tokenFile: String?, extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        try self.init(
            node, running: ["serve", "--listen", "127.0.0.1:0"] + (tokenFile.map { ["--token-file", $0] } ?? []) + extra,
            ready: "serving \(node.path)", tokenFile: tokenFile, sourceLocation: sourceLocation)
    }

    /// Any server the binary runs (`serve`, `hub`), started by `node`: ready once it prints
    /// a line starting with `ready` and ending ` on 127.0.0.1:PORT`.
    init(
        _ node: ReplicaNode, running arguments: [String], ready: String, tokenFile: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        self.node = node
        self.tokenFile = tokenFile
        running = try node.start(arguments)
        let marker = " on 127.0.0.1:"
        var line: String?
        try waitUntil("the server to print its address") {
            line = errorLines().first { $0.hasPrefix(ready) && $0.contains(marker) }
            if line == nil && !running.process.isRunning {
                throw LabError("the server exited before serving: \(errorText())")
            }
            return line != nil
        }
        let port = line!.components(separatedBy: marker).last.flatMap { Int($0) }
        try #require(port != nil && port! > 0, "no port in '\(line!)'", sourceLocation: sourceLocation)
        self.port = port!
    }

    /// A raw client inside TLS (`RawConnection.tls`), presenting the certificate of a
    /// replica made for raw clients: unknown to the server, so it must pair.
    func rawClient() throws -> RawConnection {
        if rawIdentity == nil { rawIdentity = try node.lab.replica("raw-client") }
        return try RawConnection.tls(port: port, as: rawIdentity!)
    }

    private var rawIdentity: ReplicaNode?

    /// `tcp://127.0.0.1:PORT` (TLS, unless the server was started with `--insecure`).
    var target: String { "tcp://127.0.0.1:\(port)" }

    var pid: Int32 { running.process.processIdentifier }

    /// The most memory the server has held so far (VmHWM, the peak resident set), in bytes.
    func peakMemory() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kibibytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { throw LabError("no VmHWM in /proc/\(pid)/status") }
        return kibibytes * 1024
    }

    /// What the server has written to standard error so far.
    func errorText() -> String {
        (try? String(contentsOf: running.errURL, encoding: .utf8)) ?? ""
    }

    func errorLines() -> [String] { RunResult.lines(of: errorText()) }

    /// Stops with SIGTERM: it must exit 0 after saying `stopped`.
    @discardableResult
    func stop(sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        if let finished { return finished }
        kill(pid, SIGTERM)
        let result = try running.finish()
        finished = result
        #expect(result.status == 0, "the server did not exit 0 on SIGTERM: \(result)", sourceLocation: sourceLocation)
        #expect(result.errorLines.last == "stopped", "\(result)", sourceLocation: sourceLocation)
        return result
    }

    /// Kills with SIGKILL (a crash, a power cut).
    @discardableResult
    func crash() throws -> RunResult {
        if let finished { return finished }
        kill(pid, SIGKILL)
        let result = try running.finish()
        finished = result
        return result
    }

    deinit {
        if finished == nil, running.process.isRunning {
            kill(pid, SIGKILL)
            _ = try? running.finish()
        }
    }
}

/// A bare TCP client speaking raw lines, for what the real client never sends.
final class RawConnection {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    var descriptorForReset: Int32 { descriptor }

    /// Wraps a connected socket (from `RawListener.accept`).
    init(descriptor: Int32, readLimit: Int = 120) {
        self.descriptor = descriptor
        var timeout = timeval(tv_sec: readLimit, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Connects to 127.0.0.1:`port`. Reads give up after `readLimit` seconds (a guard
    /// against a hang, never an assertion).
    init(port: Int, readLimit: Int = 120) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LabError("socket: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: readLimit, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            Glibc.close(descriptor)
            throw LabError("connect: \(String(cString: strerror(errno)))")
        }
    }

    private var open = true

    deinit { close() }

    /// Ends what this side sends (the server reads the end of its input), still reading.
    func finishSending() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Hangs up.
    func close() {
        guard open else { return }
        open = false
        Glibc.close(descriptor)
    }

    func send(line: String) throws {
        try send(bytes: Array((line + "\n").utf8))
    }

    /// Sends `bytes`; a connection the other end has closed throws (EPIPE, never SIGPIPE).
    func send(bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw LabError("write: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// The next line, or nil when the server closed the connection.
    func readLine() throws -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return nil }
                throw LabError("read: \(String(cString: strerror(errno)))")
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Whether the server has sent anything not yet read, or closed the connection
    /// (checked without waiting).
    func hasSomethingToRead() -> Bool {
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        return count >= 0 || !(errno == EAGAIN || errno == EWOULDBLOCK)
    }

    /// Whether the server has closed the connection (checked without waiting).
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        if count == 0 { return true }
        if count < 0 { return !(errno == EAGAIN || errno == EWOULDBLOCK) }
        return false
    }
}

/// A bare TCP listener on 127.0.0.1, to play a server that misbehaves.
final class RawListener {
    private let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LabError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(descriptor)
            throw LabError("bind: \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { Glibc.close(descriptor) }

    /// Stops listening: a thread waiting in `accept` returns with an error.
    func shutdown() {
        Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// Waits for the next client.
    func accept() throws -> RawConnection {
        let client = Glibc.accept(descriptor, nil, nil)
        guard client >= 0 else { throw LabError("accept: \(String(cString: strerror(errno)))") }
        return RawConnection(descriptor: client)
    }
}

extension RawConnection {
    /// Closes with a reset (RST) instead of an orderly end of stream.
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptorForReset, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }
}

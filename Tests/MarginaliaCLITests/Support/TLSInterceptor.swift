import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A man in the middle with a certificate of its own: `openssl s_server` facing the
/// client and `openssl s_client` facing the server, piped into each other, so that it
/// reads and relays every line. Its certificate and key are those of `impostor`, a
/// replica made for it, so its fingerprint is `impostor`'s.
final class TLSInterceptor {
    let port: Int
    private let process = Process()
    private let pidFile: String

    init(impostor: ReplicaNode, serverPort: Int, in lab: SyncLab) throws {
        port = try RawListener().port  // a free port (the listener closes as it goes)
        let (toClient, toServer) = (lab.path("interceptor-to-client.fifo"), lab.path("interceptor-to-server.fifo"))
        pidFile = lab.path("interceptor.pids")
        let material = try Self.opensslIdentity(of: impostor)
        // Two fifos, opened in an order that cannot deadlock: each openssl's output is
        // the other's input. Their pids go to a file, for the deinit to end them.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c",
            "rm -f \(shellQuote(toClient)) \(shellQuote(toServer)) && mkfifo \(shellQuote(toClient)) \(shellQuote(toServer)) && "
                + "{ openssl s_server -quiet -tls1_3 -accept 127.0.0.1:\(port) \(material) > \(shellQuote(toServer)) < \(shellQuote(toClient)) & "
                + "echo $! >> \(shellQuote(pidFile)); "
                + "openssl s_client -quiet -tls1_3 -connect 127.0.0.1:\(serverPort) \(material) < \(shellQuote(toServer)) > \(shellQuote(toClient)) & "
                + "echo $! >> \(shellQuote(pidFile)); wait; }",
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntil("the interceptor to listen on \(port)") { Self.isListening(port) }
    }

    var target: String { "tls://127.0.0.1:\(port)" }

    /// `openssl` options presenting `node`'s certificate and key (written out of its
    /// replica file as DER, next to it).
    static func opensslIdentity(of node: ReplicaNode) throws -> String {
        let certificate = node.path + ".crt.der"
        let key = node.path + ".key.der"
        for (column, file) in [("certificate", certificate), ("private_key", key)] {
            let hex = try node.sqlite3("SELECT hex(\(column)) FROM identity").output
            try Data(hex: Substring(hex)).write(to: URL(fileURLWithPath: file))
        }
        return "-cert \(shellQuote(certificate)) -certform DER -key \(shellQuote(key)) -keyform DER"
    }

    /// Whether something listens on 127.0.0.1:`port` (read from /proc, since a probing
    /// connection would be relayed like a client).
    private static func isListening(_ port: Int) -> Bool {
        let table = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
        let local = String(format: "0100007F:%04X", port)
        return table.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count > 3 && fields[1] == local && fields[3] == "0A"
        }
    }

    deinit {
        let pids = ((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "").split(separator: "\n")
        for pid in pids.compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }
}

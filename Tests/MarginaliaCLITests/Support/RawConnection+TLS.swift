import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension RawConnection {
    /// A raw client inside TLS, presenting `node`'s certificate: `openssl s_client`
    /// connected to the server, its standard input and output one end of a socket
    /// pair whose other end this connection reads and writes. Lines go through as
    /// sent, byte by byte if sent so; when the server closes, s_client exits and reads
    /// end; closing this end ends s_client too.
    static func tls(port: Int, as node: ReplicaNode) throws -> RawConnection {
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0 else {
            throw LabError("socketpair: \(String(cString: strerror(errno)))")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c",
            "exec openssl s_client -quiet -no_ign_eof -tls1_3 -connect 127.0.0.1:\(port) \(try TLSInterceptor.opensslIdentity(of: node))",
        ]
        let child = FileHandle(fileDescriptor: ends[1], closeOnDealloc: false)
        process.standardInput = child
        process.standardOutput = child
        process.standardError = FileHandle.nullDevice
        try process.run()
        Glibc.close(ends[1])
        return RawConnection(descriptor: ends[0])
    }
}

import NIOCore
import NIOSSL

/// A failed TLS connection in plain words, rather than BoringSSL's error stacks.
enum TLSFailure {
    /// Whether `error` comes from TLS (BoringSSL) rather than the socket.
    static func isTLS(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError
    }

    static func reason(_ error: any Error) -> String {
        guard isTLS(error) else {
            if case ChannelError.eof = error {
                return "the connection closed during the handshake (a plaintext server, or one refusing this certificate)"
            }
            return SocketFailure.reason(error)
        }
        let text = "\(error)"
        if text.contains("BAD_RECORD_MAC") || text.contains("DECRYPTION_FAILED") || text.contains("BAD_DECRYPT") {
            return "it was altered in transit (a TLS record failed its integrity check)"
        }
        if text.contains("WRONG_VERSION_NUMBER") { return "the peer does not speak TLS (a server run with --insecure?)" }
        if isCertificateRefusal(error) { return "the peer refused this replica's certificate" }
        return text
    }

    /// Whether `error` is the alert a peer sends when it refuses our certificate.
    static func isCertificateRefusal(_ error: any Error) -> Bool {
        let text = "\(error)"
        return isTLS(error) && text.contains("ALERT") && text.contains("CERTIFICATE")
    }
}

import Crypto
import Foundation

/// Mutual proof of a shared secret for TCP sessions, without sending it.
///
/// The server opens with a `challenge` nonce; the client's `hello` carries its own
/// nonce and `HMAC(secret, "marginalia-sync/1 client\n" + serverNonce + "\n" + clientNonce)`;
/// the server's `hello` answers with `HMAC(secret, "marginalia-sync/1 server\n" +
/// clientNonce + "\n" + serverNonce)`. Fresh nonces on both sides make every proof
/// single-use, and the role labels stop a proof from being reflected back.
public struct Authenticator: Sendable {
    private let secret: Data

    /// `secret` is the token file's content (surrounding white space is not part of it).
    public init(secret: Data) {
        self.secret = secret
    }

    /// A new shared secret for a token file: 32 fresh random bytes, base64, as a nonce.
    public static func makeSecret() -> String { makeNonce() }

    /// 32 fresh random bytes, base64.
    public static func makeNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
    }

    public func clientProof(serverNonce: String, clientNonce: String) -> String {
        proof("client", serverNonce, clientNonce)
    }

    public func serverProof(serverNonce: String, clientNonce: String) -> String {
        proof("server", clientNonce, serverNonce)
    }

    /// Compares in constant time.
    public func isValid(_ proof: String?, expected: String) -> Bool {
        guard let proof, let given = Data(base64Encoded: proof), let wanted = Data(base64Encoded: expected) else {
            return false
        }
        return given.count == wanted.count && zip(given, wanted).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func proof(_ role: String, _ first: String, _ second: String) -> String {
        let message = Data("\(ProtocolConstants.name)/\(ProtocolConstants.proofVersion) \(role)\n\(first)\n\(second)".utf8)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))).base64EncodedString()
    }
}

import Crypto
import Foundation
import MarginaliaCore

/// Mutual proof of a shared secret for TCP sessions, without sending it.
///
/// The server opens with a `challenge` nonce; the client's `hello` carries its own
/// nonce and `HMAC(secret, "marginalia-sync/1 client\n" + serverNonce + "\n" + clientNonce)`;
/// the server's `hello` answers with `HMAC(secret, "marginalia-sync/1 server\n" +
/// clientNonce + "\n" + serverNonce)`. Fresh nonces on both sides make every proof
/// single-use, and the role labels stop a proof from being reflected back.
///
/// Over TLS the proofs are bound to the connection: both certificates' fingerprints
/// (client's, then server's, as lowercase hex of their SHA-256) end the message, each
/// after a newline. A man in the middle must present its own certificate to each side,
/// so the fingerprints each side sees differ and a relayed proof never matches.
public struct Authenticator: Sendable {
    private let secret: Data
    private let binding: (client: Fingerprint, server: Fingerprint)?

    /// `secret` is the token file's content (surrounding white space is not part of it).
    public init(secret: Data) {
        self.init(secret: secret, binding: nil)
    }

    private init(secret: Data, binding: (client: Fingerprint, server: Fingerprint)?) {
        self.secret = secret
        self.binding = binding
    }

    /// The same secret, its proofs bound to a TLS connection between the certificates
    /// with these fingerprints (as each side saw them).
    public func bound(client: Fingerprint, server: Fingerprint) -> Authenticator {
        Authenticator(secret: secret, binding: (client, server))
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
        var message = "\(ProtocolConstants.name)/\(ProtocolConstants.proofVersion) \(role)\n\(first)\n\(second)"
        if let binding { message += "\n\(Self.hex(binding.client))\n\(Self.hex(binding.server))" }
        return Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: secret)))
            .base64EncodedString()
    }

    private static func hex(_ fingerprint: Fingerprint) -> String {
        fingerprint.bytes.map { String(format: "%02x", $0) }.joined()
    }
}

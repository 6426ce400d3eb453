import Foundation
import MarginaliaSync

/// Reads the shared secret for TCP sync, refusing a file others may read: the token
/// is as good as a password to every replica that accepts it.
public enum TokenFile {
    public static func authenticator(at path: String) throws -> Authenticator {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw TransportError.badTarget("cannot read token file \(path)")
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        guard mode & 0o077 == 0 else {
            throw TransportError.insecureTokenFile(
                "token file \(path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TransportError.badTarget("cannot read token file \(path)")
        }
        let secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard secret.utf8.count >= 16 else {
            throw TransportError.badTarget("token file \(path) holds fewer than 16 characters; use a long random secret")
        }
        return Authenticator(secret: Data(secret.utf8))
    }
}

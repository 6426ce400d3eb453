import Foundation
import MarginaliaSync

/// The shared secret for TCP sync: made, and read refusing a file others may read,
/// since the token is as good as a password to every replica that accepts it.
public enum TokenFile {
    /// Writes a new random secret to a new file at `path`, readable by its owner only.
    /// An existing file is never replaced: it may be the token other replicas hold.
    public static func create(at path: String) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it exists (remove it first if it is no longer used)" : String(cString: strerror(errno))
            throw TransportError.unwritableFile("cannot create token file \(path): \(reason)")
        }
        defer { close(descriptor) }
        let line = Array((Authenticator.makeSecret() + "\n").utf8)
        guard write(descriptor, line, line.count) == line.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw TransportError.unwritableFile("cannot write token file \(path): \(reason)")
        }
    }

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

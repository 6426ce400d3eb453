import Foundation
import MarginaliaCore
import MarginaliaStore
import MarginaliaPipes
import MarginaliaSync

/// Bundles for sneakernet: a file holding one side of a session.
public enum BundleFile {
    /// Writes the bundle for a replica that knows `knowledge` (everything when empty).
    /// The file appears whole or not at all: it is written beside and renamed.
    public static func create(at path: String, from replica: Replica, for knowledge: VersionVector) async throws
        -> SyncSummary
    {
        let temporary = path + ".partial-\(getpid())"
        let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            throw TransportError.unwritableFile("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        do {
            defer { close(descriptor) }
            let transport = FileDescriptorTransport(input: nil, output: descriptor)
            let summary = try await SyncSession(store: replica, transport: transport).writeBundle(for: knowledge)
            guard fsync(descriptor) == 0, rename(temporary, path) == 0 else {
                throw TransportError.unwritableFile("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            return summary
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Applies the bundle at `path`.
    public static func apply(at path: String, to replica: Replica) async throws -> SyncSummary {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw TransportError.unreadableFile("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let transport = FileDescriptorTransport(input: descriptor, output: nil)
        do {
            return try await SyncSession(store: replica, transport: transport).applyBundle()
        } catch SyncFailure.refused(let error) {
            throw BundleRefusal(path: path, reason: .refused(error))
        } catch SyncFailure.peerHungUp(let line, let expected) {
            throw BundleRefusal(path: path, reason: .endsEarly(afterLine: line, expected: expected))
        }
    }
}

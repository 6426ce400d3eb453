import Foundation
import MarginaliaCore
@_spi(Testing) import MarginaliaStore
import MarginaliaSync
import MarginaliaTestSupport
import MarginaliaTransport
import Synchronization

/// A clock advancing one second per reading from a fixed start.
final class SteppingClock: WallClock {
    private let next = Mutex<Int64>(1_764_000_000_000)
    func now() -> Int64 { next.withLock { value in defer { value += 1000 }; return value } }
}

enum SyncFixtures {
    static func replica(_ name: String, in directory: TemporaryDirectory, id: ReplicaID? = nil) throws -> Replica {
        let path = directory.file("\(name).db")
        if let id { return try Replica.create(at: path, name: name, id: id, clock: SteppingClock()) }
        return try Replica.open(at: path, creation: .ifMissing(name: name), clock: SteppingClock())
    }

    /// Runs a real session between two replicas over a socket pair: the initiator on
    /// one end, the responder on the other, concurrently.
    static func sync(_ initiator: Replica, _ responder: Replica) async throws -> (SyncSummary, SyncSummary) {
        var descriptors: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &descriptors) == 0 else {
            throw POSIXError(.EIO)
        }
        defer { close(descriptors[0]); close(descriptors[1]) }
        let (left, right) = (descriptors[0], descriptors[1])
        async let answered = SyncSession(replica: responder, transport: FileDescriptorTransport(input: right, output: right))
            .run(as: .responder)
        let asked = try await SyncSession(replica: initiator, transport: FileDescriptorTransport(input: left, output: left))
            .run(as: .initiator)
        return (asked, try await answered)
    }
}

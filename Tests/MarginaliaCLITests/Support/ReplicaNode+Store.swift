import MarginaliaCore
import MarginaliaStore

extension ReplicaNode {
    /// Runs `body` on the replica file opened in this process, for setup that would take
    /// the binary a process per step (random edits, trusting a peer) in tests that run
    /// dozens of replicas. Never while a command of the binary has the file open.
    func withReplica<Result>(_ body: (Replica) throws -> Result) throws -> Result {
        try body(try Replica.open(at: path, creation: .never))
    }

    /// The fingerprint of the replica's identity, as `identity` prints it.
    func identityFingerprint() throws -> String {
        try withReplica { try $0.identity().fingerprint.description }
    }
}

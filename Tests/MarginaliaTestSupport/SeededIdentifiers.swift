import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import MarginaliaStore

/// The test double for the randomness of ids: entity ids drawn from a `SplitMix64`,
/// so that a property test's seed decides every id, and a failing seed replays.
/// (An `NSLock`, not a `Mutex`: ThreadSanitizer sees pthread locks.)
public final class SeededIdentifiers: IdentifierSource, @unchecked Sendable {
    private let lock = NSLock()
    private var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    public func nextEntityID() -> EntityID {
        lock.withLock { EntityID.random(using: &generator) }
    }

    /// A replica id drawn from the same sequence.
    public func nextReplicaID() -> ReplicaID {
        lock.withLock { ReplicaID.random(using: &generator) }
    }
}

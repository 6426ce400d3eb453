import Foundation
import MarginaliaCore
@_spi(Testing) import MarginaliaStore

extension Replica {
    /// The replica every test starts from: `NAME.db` in `directory`, created if missing,
    /// with the deterministic `SteppingClock`; with `id`, created under that id (for
    /// tests whose hello or log must be known in advance); with `seed`, its own id and
    /// every entity id it creates come from that seed (`SeededIdentifiers`), so that a
    /// property test's failing seed replays exactly. Give each replica its own seed.
    public static func fixture(
        _ name: String, in directory: TemporaryDirectory, id: ReplicaID? = nil, seed: UInt64? = nil
    ) throws -> Replica {
        let path = directory.file("\(name).db")
        guard let seed else {
            if let id { return try create(at: path, name: name, id: id, clock: SteppingClock()) }
            return try open(at: path, creation: .ifMissing(name: name), clock: SteppingClock())
        }
        let ids = SeededIdentifiers(seed: seed)
        let replicaID = ids.nextReplicaID()
        if FileManager.default.fileExists(atPath: path) { return try open(at: path, clock: SteppingClock(), ids: ids) }
        return try create(at: path, name: name, id: id ?? replicaID, clock: SteppingClock(), ids: ids)
    }

    /// Delivers to `target` every change of this replica it lacks, in this replica's log
    /// order, as the sync engine does. Returns the summary of the integration.
    @discardableResult
    public func deliver(to target: Replica) throws -> IntegrationSummary {
        var changes: [Change] = []
        try forEachChange(notCoveredBy: try target.knowledge()) { change, _ in changes.append(change) }
        return try target.integrate(changes)
    }
}

/// The advisory locks (`pg_advisory_xact_lock`, released at commit or rollback) the hub
/// takes, in one place so their keys never collide. Keys are arbitrary 64-bit numbers
/// ("MRGN" and a small tag) unlikely to be used by anything else on the database.
enum HubLocks {
    /// Held while creating or upgrading the schema, so two `hub init`s never both create it.
    static let schema: Int64 = 0x4D52_474E_0000_0001
    /// Held from the first insert of an appended batch to its commit, so batches take their
    /// `accepted` numbers in the order they become visible (see `HubAppend`).
    static let sequencer: Int64 = 0x4D52_474E_0000_0002
}

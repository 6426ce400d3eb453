import MarginaliaCore

/// This replica's identity, as `identity` and `status` show it.
public struct IdentityInfo: Hashable, Sendable {
    public var fingerprint: Fingerprint
    /// When this identity was made (ms since 1970): at creation, upgrade or rotation.
    public var created: Int64
}

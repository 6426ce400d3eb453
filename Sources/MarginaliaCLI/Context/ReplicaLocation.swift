import Foundation

/// Where the replica lives when `--db` is not given: `$MARGINALIA_DB`, else
/// `$XDG_DATA_HOME/marginalia/default.db`, else `~/.local/share/marginalia/default.db`.
enum ReplicaLocation {
    static func resolve(explicit: String?, environment: [String: String]) -> (path: String, isDefault: Bool) {
        if let explicit, !explicit.isEmpty { return (explicit, false) }
        if let path = environment["MARGINALIA_DB"], !path.isEmpty { return (path, false) }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return (dataHome + "/marginalia/default.db", true)
    }
}

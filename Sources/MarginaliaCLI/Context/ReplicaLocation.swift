import Foundation

/// Where the replica lives, and whether first use may create it there.
///
/// `--db PATH` names a file the person expects to exist: a typo there must not leave a new,
/// empty replica behind, so only `init` creates one. `$MARGINALIA_DB`, else
/// `$XDG_DATA_HOME/marginalia/default.db`, else `~/.local/share/marginalia/default.db`, is
/// the replica a person has set up once for every command, so first use creates it (and,
/// for the default, its folders).
struct ReplicaLocation: Equatable {
    /// How the path was chosen, which decides what first use may do.
    enum Origin: Equatable {
        /// `--db`: must exist, except for `init`.
        case explicit
        /// `$MARGINALIA_DB`: created on first use.
        case environment
        /// The default under the data home: created on first use, with its folders.
        case `default`
    }

    let path: String
    let origin: Origin

    /// Whether a command other than `init` may create the replica when it is missing.
    var isCreatedOnFirstUse: Bool { origin != .explicit }

    static func resolve(explicit: String?, environment: [String: String]) -> ReplicaLocation {
        if let explicit, !explicit.isEmpty { return ReplicaLocation(path: explicit, origin: .explicit) }
        if let path = environment["MARGINALIA_DB"], !path.isEmpty {
            return ReplicaLocation(path: path, origin: .environment)
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return ReplicaLocation(path: dataHome + "/marginalia/default.db", origin: .default)
    }
}

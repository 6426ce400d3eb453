import MarginaliaCore
import MarginaliaTransport
import PostgresNIO

/// Why the hub cannot do what was asked, in one line (the password of a URL never shown).
public enum HubError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A `--postgres` URL that is not one.
    case badURL(String, String)
    /// A hub name that breaks the rule replicas' names follow (`ReplicaNameRule`).
    case invalidName(String)
    /// `hub trust rm` named no trusted peer (by name, nor as a fingerprint).
    case notTrusted(String)
    /// `hub trust add --name` gave a name another trusted peer has.
    case trustedNameTaken(String, by: Fingerprint)
    /// A client proved the token to pair: a hub trusts peers only by `hub trust add`.
    case noPairing
    /// PostgreSQL could not be reached, or refused us: the database is down or restarting.
    case unavailable(String)
    /// The database has no hub schema yet (`hub init` makes it).
    case notInitialized(String)
    /// The schema is newer than this hub understands: an older hub must not write to it.
    case schemaTooNew(found: Int, supported: Int)
    /// The schema is older than this hub's: `hub init` upgrades it (with the hubs stopped).
    case schemaOutdated(found: Int, supported: Int)
    /// The database holds something that breaks the hub's own invariants.
    case corrupt(String)
    /// A statement failed on the server, with PostgreSQL's own message.
    case database(String)

    public var description: String {
        switch self {
        case .badURL(let url, let reason): "'\(url)' is not a PostgreSQL URL: \(reason)"
        case .invalidName(let name):
            "'\(name)' is not a valid name: 1 to \(ReplicaNameRule.maximumLength) characters, no control characters"
        case .notTrusted(let text):
            "no peer the hub trusts is named or has fingerprint '\(text)' (see 'marginalia hub trust ls')"
        case .trustedNameTaken(let name, let holder):
            "'\(name)' already names the trusted peer \(holder): choose another name, or 'marginalia hub trust rm \(name)' first"
        case .noPairing: "a hub does not pair with a token: trust the peer with 'marginalia hub trust add FINGERPRINT'"
        case .unavailable(let reason): "PostgreSQL is unavailable: \(reason)"
        case .notInitialized(let url): "\(url) holds no hub (create one with 'marginalia hub init --postgres URL')"
        case .schemaTooNew(let found, let supported):
            "the hub's schema is version \(found), newer than this marginalia's \(supported): upgrade marginalia"
        case .schemaOutdated(let found, let supported):
            "the hub's schema is version \(found), older than this marginalia's \(supported): run 'marginalia hub init --postgres URL' to upgrade it"
        case .corrupt(let reason): "the hub's database is inconsistent: \(reason)"
        case .database(let message): "PostgreSQL refused a statement: \(message)"
        }
    }

    /// A PostgreSQL client error in the hub's words: a server's refusal with its message,
    /// anything else (refused connection, closed socket) as `unavailable`. `PSQLError`
    /// hides its details from `description` on purpose, so they are taken field by field.
    static func from(_ error: any Error) -> any Error {
        if let error = error as? HubError { return error }
        if let transaction = error as? PostgresTransactionError {
            return from(transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? error)
        }
        guard let error = error as? PSQLError else { return error }
        if let server = error.serverInfo, let message = server[.message] {
            // 57P01..57P03: the server is shutting down or starting; 08xxx: connection failures.
            let state = server[.sqlState] ?? ""
            return state.hasPrefix("57P") || state.hasPrefix("08") ? HubError.unavailable(message) : HubError.database(message)
        }
        if let underlying = error.underlying { return HubError.unavailable(SocketFailure.reason(underlying)) }
        return HubError.unavailable("\(error.code)")
    }
}

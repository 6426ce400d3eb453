import ArgumentParser
import MarginaliaCore
import MarginaliaFetch
import MarginaliaHub
import MarginaliaStore
import MarginaliaSync
import MarginaliaTransport

/// The exit statuses of `marginalia`, following sysexits(3) where one fits.
public enum ExitStatus: Int32, Sendable {
    /// The request could not be carried out (unknown id, quote not found, nothing to change).
    case failure = 1
    /// The command line was wrong.
    case usage = 64
    /// Input data was unusable (a file that is not UTF-8, bad offsets).
    case dataError = 65
    /// An input file could not be read.
    case noInput = 66
    /// An output file could not be written.
    case cannotCreate = 73
    /// The replica file could not be opened, is not a replica, or could not be written
    /// (read-only, a full disk).
    case cannotOpenReplica = 74
    /// Trying again later may work: a sync or bundle was refused or its connection failed
    /// (committed batches stay), or another process kept the replica locked too long.
    case temporaryFailure = 75
    /// Ctrl-C stopped the command (a sync: every batch committed before stays).
    case interrupted = 130

    /// The status for an error of Marginalia's own, or nil for the argument parser's.
    static func forError(_ error: any Error) -> ExitStatus? {
        switch error {
        case let error as ReplicaError:
            switch error {
            case .notAReplica, .unsupportedFormat, .cannotUpgrade, .cannotOpen, .database, .readOnly, .diskFull:
                .cannotOpenReplica
            case .busy: .temporaryFailure
            case .anchor, .idTooShort, .malformedID, .emptyTitle, .invalidTitle, .invalidTag, .invalidName, .unacceptableChange,
                 .notInConflict, .notContested, .nothingToResolve, .noSuchValue, .noLocalValue, .ambiguousTheirs, .notText,
                 .invalidFingerprint, .notTrusted(_, notAFingerprint: _?): .dataError
            case .needsField, .unsuitableResolution: .usage
            default: .failure
            }
        case let error as HubError:
            switch error {
            case .badURL: .usage
            case .invalidName, .notTrusted, .trustedNameTaken, .noPairing: .dataError
            case .unavailable: .temporaryFailure
            case .notInitialized, .schemaTooNew, .schemaOutdated, .corrupt, .database: .cannotOpenReplica
            }
        case let error as InputError:
            switch error {
            case .unreadable: .noInput
            case .unwritable: .cannotCreate
            case .notUTF8, .utf16, .undecodable, .noTitle, .webPage: .dataError
            case .editorFailed, .editorNotStarted: .failure
            }
        case is InterchangeError:
            .dataError
        case let error as FetchError:
            switch error {
            case .notWebAddress: .usage
            // The server is failing or busy: later may work.
            case .status(let code, _, _) where code >= 500 || code == 429: .temporaryFailure
            case .status, .tooManyRedirects, .redirectLoop: .noInput
            case .notHTML, .tooLarge: .dataError
            case .connectTimeout, .readTimeout, .unknownHost, .cannotConnect, .failed: .temporaryFailure
            }
        case is AlreadyImported:
            .failure
        case is MissingReplica:
            .cannotOpenReplica
        case is UsageError, is SearchQueryError:
            .usage
        case is NoMatches:
            .failure
        case let error as ResolutionError:
            error.status
        case let error as TransportError:
            switch error {
            case .badTarget, .insecureTokenFile: .usage
            case .unreadableFile: .noInput
            case .unwritableFile: .cannotCreate
            // The far side's marginalia could not open its replica: not a passing failure.
            case .peerCommandExited(let status, _) where status == ExitStatus.cannotOpenReplica.rawValue:
                .cannotOpenReplica
            default: .temporaryFailure
            }
        // Diverged logs stay diverged: trying again does not help.
        case SyncFailure.refused(let error) where error.code == .diverged:
            .dataError
        case let refusal as BundleRefusal where refusal.isDivergence:
            .dataError
        case is SyncFailure, is ProtocolError, is BundleRefusal:
            .temporaryFailure
        default:
            nil
        }
    }
}

/// A command line that parses but asks for something impossible (`edit` with nothing to edit),
/// or that cannot be read at all (an unterminated quote in the REPL).
public struct UsageError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

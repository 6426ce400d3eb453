import MarginaliaCore

/// The `code` of an `error` message. Stable strings: peers act on them.
public enum ProtocolErrorCode: String, Sendable, Codable, CaseIterable {
    /// The line is not a JSON object of a known message type with the required members.
    case malformedLine = "malformed_line"
    /// The line is longer than the maximum.
    case lineTooLong = "line_too_long"
    /// The peer's `hello` names another protocol or an unsupported version.
    case unsupportedVersion = "unsupported_version"
    /// A message arrived that the session's state does not allow.
    case unexpectedMessage = "unexpected_message"
    /// The peer is this very replica.
    case sameReplica = "same_replica"
    /// Authentication failed or was missing (TCP).
    case unauthorized = "unauthorized"
    /// The number of changes in `done` differs from the number received.
    case countMismatch = "count_mismatch"
    /// The peer said nothing for too long.
    case timeout = "timeout"
    /// The receiver failed for reasons of its own (disk full, read-only replica).
    case internalError = "internal_error"
    /// The receiver's storage is unavailable for now (a hub whose database is down or
    /// restarting): nothing half stored, and trying again later may work, which
    /// `internal_error` does not promise.
    case unavailable = "unavailable"
    /// The change checks (see `ChangeRejection.Code`).
    case malformedChange = "malformed_change"
    case nonContiguous = "non_contiguous"
    case causalityViolation = "causality_violation"
    case equivocation = "equivocation"
    case forgedOrigin = "forged_origin"
    /// The two sides hold the same dots with different content: their digests of the
    /// changes both hold differ at the end of the session (version 2).
    case diverged = "diverged"

    /// The code a refused change is reported with: a switch, so that a new rejection
    /// cannot compile without its code.
    public init(_ rejection: ChangeRejection.Code) {
        self = switch rejection {
        case .malformedChange: .malformedChange
        case .nonContiguous: .nonContiguous
        case .causalityViolation: .causalityViolation
        case .equivocation: .equivocation
        case .forgedOrigin: .forgedOrigin
        }
    }
}

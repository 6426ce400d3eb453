/// Why a change received from elsewhere is refused. Each case has a stable `code`
/// (the sync protocol's error code) and a message saying what is wrong.
public struct ChangeRejection: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        /// Not a well-formed change: bad ids, fields its kind does not have, text not in NFC, a bad anchor.
        case malformedChange = "malformed_change"
        /// Its counter is not the next one expected from its origin.
        case nonContiguous = "non_contiguous"
        /// Its causal context names changes the receiver has not applied.
        case causalityViolation = "causality_violation"
        /// A dot the receiver already holds, arriving with different content.
        case equivocation = "equivocation"
        /// A change claiming the receiver's own replica id that the receiver never made.
        case forgedOrigin = "forged_origin"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

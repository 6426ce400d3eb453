import MarginaliaSync

/// A bundle this replica refused to apply, named by its file: a session's failure
/// speaks of "the peer", while a bundle is a file the user chose.
public struct BundleRefusal: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// A line broke the protocol (the session's refusal).
        case refused(ProtocolError)
        /// The file ends before its `done`: empty, or cut short.
        case endsEarly(afterLine: Int, expected: String)
    }

    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The bundle's digest differs from this replica's for the same changes (`diverged`).
    public var isDivergence: Bool {
        if case .refused(let error) = reason { error.code == .diverged } else { false }
    }

    public var description: String {
        switch reason {
        // A bundle starts with a hello: a first line that is not one is another kind of file.
        case .refused(let error)
            where error.line == 1 && [.malformedLine, .unexpectedMessage, .lineTooLong].contains(error.code):
            "\(path) is not a Marginalia bundle (line 1: \(error.message))"
        case .refused(let error):
            "bundle \(path) refused: \(error)"
        case .endsEarly(afterLine: 0, _):
            "\(path) is not a Marginalia bundle (it is empty)"
        case .endsEarly(let line, let expected):
            "bundle \(path) ends after line \(line), where \(expected) was expected: it was cut short"
        }
    }
}

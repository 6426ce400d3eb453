import Foundation
import Testing

/// The exit statuses `marginalia` documents (sysexits where one fits).
enum Exit {
    static let failure: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let cannotOpenReplica: Int32 = 74
    static let syncFailed: Int32 = 75
    /// The same number: another process kept the replica locked longer than the busy timeout.
    static let busy: Int32 = 75
}

extension Sandbox {
    /// Runs a command that must be refused: exit `status`, nothing on standard output,
    /// exactly one line `marginalia: …` on standard error mentioning `mention`, and the
    /// replica exactly as it was.
    @discardableResult
    func expectRejected(
        _ arguments: [String], stdin: Data? = nil, status: Int32, mentioning mention: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let before = try fingerprint(sourceLocation: sourceLocation)
        let result = try run(arguments, stdin: stdin)
        #expect(result.status == status, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout == "", "\(result)", sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "one line on stderr expected: \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("marginalia: "), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(mention), "\(result)", sourceLocation: sourceLocation)
        let after = try fingerprint(sourceLocation: sourceLocation)
        #expect(before == after, "the replica changed after \(result)", sourceLocation: sourceLocation)
        return result
    }

    @discardableResult
    func expectRejected(
        _ arguments: String..., stdin: String? = nil, status: Int32, mentioning mention: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        try expectRejected(
            arguments, stdin: stdin.map { Data($0.utf8) }, status: status, mentioning: mention,
            sourceLocation: sourceLocation)
    }

    /// Runs a command that must be refused with `status`, nothing on standard output
    /// and the replica exactly as it was, and returns it, for a refusal whose standard
    /// error has more than one line to check (the places an ambiguous quote occurs).
    func expectRefusal(
        _ arguments: [String], status: Int32, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let before = try fingerprint(sourceLocation: sourceLocation)
        let result = try run(arguments)
        #expect(result.status == status && result.stdout == "", "\(result)", sourceLocation: sourceLocation)
        #expect(try fingerprint(sourceLocation: sourceLocation) == before, "the replica changed after \(result)",
                sourceLocation: sourceLocation)
        return result
    }

    /// A command line the argument parser refuses: exit 64, nothing on standard output,
    /// standard error starting with `Error: ` and the reason, and the replica unchanged.
    /// (Whether the usage text that follows is welcome is the subject of its own test.)
    @discardableResult
    func expectUsageError(
        _ arguments: [String], mentioning mention: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let before = try fingerprint(sourceLocation: sourceLocation)
        let result = try run(arguments)
        #expect(result.status == Exit.usage, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout == "", "\(result)", sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.errorLines.first?.hasPrefix("marginalia: ") == true, "\(result)", sourceLocation: sourceLocation)
        #expect(result.errorLines.first?.contains(mention) == true, "\(result)", sourceLocation: sourceLocation)
        let after = try fingerprint(sourceLocation: sourceLocation)
        #expect(before == after, "the replica changed after \(result)", sourceLocation: sourceLocation)
        return result
    }

    @discardableResult
    func expectUsageError(
        _ arguments: String..., mentioning mention: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        try expectUsageError(arguments, mentioning: mention, sourceLocation: sourceLocation)
    }
}

/// Text compared scalar by scalar: Swift's `==` on strings ignores normalization, so
/// `"ệ" == "e\u{0323}\u{0302}"` is true and cannot tell NFC from NFD.
func scalars(_ text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value)
}

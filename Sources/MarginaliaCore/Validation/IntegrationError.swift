/// A batch of received changes was refused: which change (its position in the
/// batch, from 0) and why. Nothing of the batch was applied.
public struct IntegrationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var index: Int
    public var rejection: ChangeRejection

    public init(index: Int, rejection: ChangeRejection) {
        self.index = index
        self.rejection = rejection
    }

    public var description: String { "change \(index + 1) of the batch refused: \(rejection)" }
}

/// What integrating a batch did.
public struct IntegrationSummary: Hashable, Sendable {
    /// Changes newly applied.
    public var applied: Int = 0
    /// Changes already held, received again with identical content (harmless).
    public var duplicates: Int = 0

    public init() {}

    public static func + (lhs: Self, rhs: Self) -> Self {
        var sum = lhs
        sum.applied += rhs.applied
        sum.duplicates += rhs.duplicates
        return sum
    }
}

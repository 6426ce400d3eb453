/// Where an annotation lands in the current body, and how sure that is.
public struct AnchorPlacement: Hashable, Sendable {
    /// Scalar offsets of the NFC body, on grapheme boundaries; nil when orphaned.
    public var range: Range<Int>?
    public var status: AnchorStatus

    public init(range: Range<Int>, status: AnchorStatus) {
        self.range = range
        self.status = status
    }

    private init() {
        range = nil
        status = .orphaned
    }

    /// Nowhere in the body.
    public static let orphaned = AnchorPlacement()
}

/// A multi-value register: the concurrent values of one field.
///
/// Applying a change keeps the siblings its causal context does not cover and adds
/// the change's value. Under causal delivery the result depends only on the set of
/// changes applied, never on their order, which is what lets replicas converge.
/// Two or more distinct values are a conflict; equal values written concurrently
/// stay as separate siblings (so the state stays order-independent) but are not a
/// conflict.
public struct Register: Hashable, Sendable {
    /// The current siblings, sorted by dot.
    public private(set) var siblings: [Sibling]

    public init() { siblings = [] }

    /// Restores a register from stored siblings (in any order).
    public init(siblings: [Sibling]) {
        self.siblings = siblings.sorted { $0.dot < $1.dot }
    }

    /// Applies a write made with causal context `context`.
    public mutating func apply(_ sibling: Sibling, context: VersionVector) {
        siblings.removeAll { context.covers($0.dot) || $0.dot == sibling.dot }
        let position = siblings.firstIndex { sibling.dot < $0.dot } ?? siblings.endIndex
        siblings.insert(sibling, at: position)
    }

    /// The sibling displayed for this field: highest Lamport, then highest replica id.
    public var winner: Sibling? {
        siblings.max { $1.isPreferred(over: $0) }
    }

    /// The distinct values, in the order of their preferred sibling (the winner's first).
    public var distinctValues: [FieldValue] {
        var values: [FieldValue] = []
        for sibling in siblings.sorted(by: { $0.isPreferred(over: $1) }) where !values.contains(sibling.value) {
            values.append(sibling.value)
        }
        return values
    }

    /// Whether people have to choose between values.
    public var isConflicted: Bool {
        guard let first = siblings.first?.value else { return false }
        return siblings.contains { $0.value != first }
    }

    /// Whether any sibling says `true` (for add-wins tags).
    public var anyTrue: Bool {
        siblings.contains { $0.value == .flag(true) }
    }

    public var isEmpty: Bool { siblings.isEmpty }
}

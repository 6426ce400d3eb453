/// How two version vectors (or the edits they describe) relate in time.
public enum CausalOrder: Sendable, Equatable {
    /// Both have seen exactly the same changes.
    case equal
    /// The left side has seen a strict subset of what the right side has.
    case before
    /// The left side has seen a strict superset of what the right side has.
    case after
    /// Each has seen something the other has not: neither happened first.
    case concurrent
}

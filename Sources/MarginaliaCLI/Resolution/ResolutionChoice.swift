/// How to settle a conflict: from `resolve`'s options, or an answer in the walk-through.
enum ResolutionChoice: Equatable {
    /// The N-th competing value (from 1, as listed).
    case take(Int)
    /// The value this replica wrote.
    case ours
    /// The value another replica wrote (when only one other did).
    case theirs
    /// A new value typed by hand.
    case value(String)
    /// A word-level three-way merge of the competing texts against their ancestor.
    case merge
    /// Edit by hand in `$VISUAL` or `$EDITOR`, starting from the merge.
    case edit
    /// Keep an entity edited while deleted elsewhere.
    case keep
    /// Delete it after all.
    case delete
}

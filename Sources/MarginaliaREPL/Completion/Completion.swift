/// What Tab offers for the word under the cursor.
enum Completion: Equatable {
    /// These words (which may not start with the typed word: ids found by a title word).
    case words([String])
    /// File names, where a path makes sense (`import`, `bundle`, `--db`, a sync target).
    case filenames
}

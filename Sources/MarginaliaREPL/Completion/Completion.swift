/// What Tab offers for the word under the cursor.
enum Completion: Equatable {
    /// These candidates (which may not start with the typed word: ids found by a title word).
    case candidates([Candidate])
    /// File names, where a path makes sense (`import`, `bundle`, `--db`, a sync target).
    case filenames

    /// Plain words: commands, options, peers, tags, fields.
    static func words(_ words: [String]) -> Completion {
        .candidates(words.map { Candidate(word: $0, label: nil) })
    }
}

/// One word Tab may put in, with what to show beside it when several are listed: the
/// title of an article or the note of an annotation, since a bare id says nothing.
struct Candidate: Equatable {
    let word: String
    let label: String?
}

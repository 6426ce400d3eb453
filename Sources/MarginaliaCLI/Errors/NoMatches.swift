/// A search that found nothing: an error only for its exit status (1, as grep's), so
/// that a script can tell "nothing found" from results.
struct NoMatches: Error, CustomStringConvertible {
    var query: String
    var description: String { "no matches for \(query)" }
}

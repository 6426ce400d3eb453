/// A command other than `init` named a replica file that does not exist.
///
/// Creating one there would hide a typo (`--db notes.bd`) behind a new, empty replica
/// and a silent success, so the command stops and says how to create it on purpose.
struct MissingReplica: Error, CustomStringConvertible {
    let path: String

    var description: String {
        "no replica at \(path) (create one with 'marginalia --db \(path) init')"
    }
}

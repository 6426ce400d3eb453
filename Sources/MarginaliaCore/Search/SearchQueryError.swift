/// Why a search query cannot be read, and where: one line for people, never the
/// message of the full-text engine underneath.
public struct SearchQueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The column of the query (characters, from 1) where the problem is; nil when it is the whole query.
    public var column: Int?
    public var problem: String

    public init(column: Int?, _ problem: String) {
        self.column = column
        self.problem = problem
    }

    public var description: String {
        "bad query" + (column.map { " at column \($0)" } ?? "") + ": " + problem
    }
}

/// The two kinds of things a replica stores.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    case article
    case annotation

    /// The fields people edit, and so can find in conflict, in the order people read
    /// them: an article's title, body and source; an annotation's note, anchor and
    /// article. (`alive` and tags are never a field conflict: `FieldName.isUserField`.)
    public var userFields: [FieldName] {
        switch self {
        case .article: [.title, .body, .source]
        case .annotation: [.note, .anchor, .article]
        }
    }

    /// Whether a change to an entity of this kind may write `field`.
    public func accepts(_ field: FieldName) -> Bool {
        switch (self, field) {
        case (_, .alive), (_, .tag): true
        case (.article, .title), (.article, .body), (.article, .source): true
        case (.annotation, .article), (.annotation, .anchor), (.annotation, .note): true
        default: false
        }
    }
}

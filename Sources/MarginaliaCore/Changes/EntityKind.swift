/// The two kinds of things a replica stores.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    case article
    case annotation

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

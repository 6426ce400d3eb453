/// The stable names of Marginalia's entities in exported files: `urn:marginalia:article:ID`,
/// `urn:marginalia:annotation:ID` and `urn:marginalia:collection:ID`. Ids are global (80
/// random bits), so a name means the same entity in every replica and importing it again
/// finds it.
public enum InterchangeURN {
    static let articlePrefix = "urn:marginalia:article:"
    static let annotationPrefix = "urn:marginalia:annotation:"

    public static func article(_ id: EntityID) -> String { articlePrefix + id.rawValue }
    public static func annotation(_ id: EntityID) -> String { annotationPrefix + id.rawValue }

    /// `urn:marginalia:collection:ID`, the name of the collection of the annotations of
    /// `articles`, with ID derived from their ids: every replica names the export of the
    /// same articles alike, so export, import elsewhere, export gives the same file.
    public static func collection(of articles: [EntityID]) -> String {
        "urn:marginalia:collection:" + StableIdentifier.entityID(for: articles.map(article).joined(separator: " ")).rawValue
    }

    /// The article id `name` holds, or nil when it is not an article URN.
    public static func articleID(in name: String) -> EntityID? { id(in: name, prefix: articlePrefix) }

    /// The annotation id `name` holds, or nil when it is not an annotation URN.
    public static func annotationID(in name: String) -> EntityID? { id(in: name, prefix: annotationPrefix) }

    private static func id(in name: String, prefix: String) -> EntityID? {
        name.hasPrefix(prefix) ? EntityID(name.dropFirst(prefix.count)) : nil
    }
}

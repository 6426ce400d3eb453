/// The stable names of Marginalia's entities in exported files: `urn:marginalia:article:ID`
/// and `urn:marginalia:annotation:ID`. Ids are global (80 random bits), so a name means
/// the same entity in every replica and importing it again finds it.
public enum InterchangeURN {
    static let articlePrefix = "urn:marginalia:article:"
    static let annotationPrefix = "urn:marginalia:annotation:"

    public static func article(_ id: EntityID) -> String { articlePrefix + id.rawValue }
    public static func annotation(_ id: EntityID) -> String { annotationPrefix + id.rawValue }

    /// The article id `name` holds, or nil when it is not an article URN.
    public static func articleID(in name: String) -> EntityID? { id(in: name, prefix: articlePrefix) }

    /// The annotation id `name` holds, or nil when it is not an annotation URN.
    public static func annotationID(in name: String) -> EntityID? { id(in: name, prefix: annotationPrefix) }

    private static func id(in name: String, prefix: String) -> EntityID? {
        name.hasPrefix(prefix) ? EntityID(name.dropFirst(prefix.count)) : nil
    }
}

/// A W3C `AnnotationCollection` holding its annotations in one embedded first page:
/// the file `export-annotations --format w3c` writes.
public struct W3CAnnotationCollection: Codable, Hashable, Sendable {
    public static let context = "http://www.w3.org/ns/anno.jsonld"

    public var context: OneOrMany<String>?
    public var type: OneOrMany<String>
    public var label: String?
    public var total: Int?
    public var first: W3CAnnotationPage?

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case type, label, total, first
    }

    public init(label: String, annotations: [W3CAnnotation]) {
        context = OneOrMany([Self.context])
        type = OneOrMany(["AnnotationCollection"])
        self.label = label
        total = annotations.count
        first = W3CAnnotationPage(type: "AnnotationPage", startIndex: 0, items: annotations)
    }
}

/// A page of a collection. Only embedded pages are read: a `next` page elsewhere is refused.
public struct W3CAnnotationPage: Codable, Hashable, Sendable {
    public var type: String?
    public var startIndex: Int?
    public var items: [W3CAnnotation]
    public var next: String?

    public init(type: String, startIndex: Int, items: [W3CAnnotation]) {
        self.type = type
        self.startIndex = startIndex
        self.items = items
    }
}

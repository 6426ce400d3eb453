/// A W3C `AnnotationCollection` holding its annotations in one embedded first page:
/// the file `export-annotations --format w3c` writes.
public struct W3CAnnotationCollection: Codable, Hashable, Sendable {
    public static let context = "http://www.w3.org/ns/anno.jsonld"

    public var context: OneOrMany<String>?
    /// The collection's IRI: the model requires one (§5.1).
    public var id: String?
    public var type: OneOrMany<String>
    public var label: String?
    public var total: Int?
    public var first: W3CAnnotationPage?
    /// The IRI of the last page, which the model recommends; the first, as there is one.
    public var last: String?

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, type, label, total, first, last
    }

    /// A collection named `id` whose one page, `id` + `#page1`, holds `annotations`.
    public init(id: String, label: String, annotations: [W3CAnnotation]) {
        context = OneOrMany([Self.context])
        self.id = id
        type = OneOrMany(["AnnotationCollection"])
        self.label = label
        total = annotations.count
        let page = id + "#page1"
        first = W3CAnnotationPage(id: page, partOf: id, startIndex: 0, items: annotations)
        last = page
    }
}

/// A page of a collection. Only embedded pages are read: a `next` page elsewhere is refused.
public struct W3CAnnotationPage: Codable, Hashable, Sendable {
    /// The page's IRI: the model requires one (§5.2).
    public var id: String?
    public var type: String?
    /// The collection the page belongs to.
    public var partOf: String?
    public var startIndex: Int?
    public var items: [W3CAnnotation]
    public var next: String?

    public init(id: String, partOf: String, startIndex: Int, items: [W3CAnnotation]) {
        self.id = id
        type = "AnnotationPage"
        self.partOf = partOf
        self.startIndex = startIndex
        self.items = items
    }
}

/// An annotation with where its words are in the current body of its article: what
/// readers see, while the snapshot keeps the anchor as it was made.
public struct PlacedAnnotation: Hashable, Sendable {
    public var annotation: AnnotationSnapshot
    public var placement: AnchorPlacement

    public init(annotation: AnnotationSnapshot, placement: AnchorPlacement) {
        self.annotation = annotation
        self.placement = placement
    }

    public var id: EntityID { annotation.id }

    /// By article, then in body order of the current placements, orphans last; ties
    /// by id, so every replica lists and numbers annotations alike.
    public static func listingOrder(_ first: PlacedAnnotation, _ second: PlacedAnnotation) -> Bool {
        first.listingKey < second.listingKey
    }

    private var listingKey: (String, Int, Int, String) {
        let range = placement.range
        return (annotation.article?.rawValue ?? "", range?.lowerBound ?? .max, range?.upperBound ?? .max, id.rawValue)
    }
}

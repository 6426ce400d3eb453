/// Why an annotation file cannot be imported. Each reads as one line naming the
/// file, or the annotation and what it points at.
public enum InterchangeError: Error, Equatable, CustomStringConvertible {
    case malformedJSON(source: String, detail: String)
    case notAnnotations(source: String, detail: String)
    case invalidMember(source: String, path: String, detail: String)
    case invalidAnnotation(name: String, reason: String)
    case unknownArticle(annotation: String, target: String)
    case ambiguousArticle(annotation: String, source: String, count: Int)
    case orphaned(annotation: String, quote: String)

    public var description: String {
        switch self {
        case .malformedJSON(let source, let detail): "\(source) is not valid JSON: \(detail)"
        case .notAnnotations(let source, let detail):
            "\(source) is neither a W3C AnnotationCollection nor a Hypothesis export: \(detail)"
        case .invalidMember(let source, let path, let detail): "\(source): at \(path): \(detail)"
        case .invalidAnnotation(let name, let reason): "annotation \(name): \(reason)"
        case .unknownArticle(let annotation, let target):
            "annotation \(annotation): no article in this replica is \(target)"
        case .ambiguousArticle(let annotation, let source, let count):
            "annotation \(annotation): \(count) articles have the source \(source)"
        case .orphaned(let annotation, let quote):
            "annotation \(annotation): its quote \(quote.debugDescription) is nowhere in the article"
        }
    }

    /// A decoding error as an interchange error naming `source` and, when the JSON
    /// parses, the member at fault.
    static func decoding(_ error: DecodingError, source: String) -> InterchangeError {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
             .valueNotFound(_, let context):
            var detail = context.debugDescription
            if case .keyNotFound(let key, _) = error { detail = "the member '\(key.stringValue)' is missing" }
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            let trimmed = path.hasPrefix(".") ? String(path.dropFirst()) : path
            return .invalidMember(source: source, path: trimmed.isEmpty ? "the top level" : trimmed, detail: detail)
        @unknown default:
            return .malformedJSON(source: source, detail: String(describing: error))
        }
    }
}

/// One annotation of the W3C Web Annotation Data Model, as JSON-LD with the
/// `http://www.w3.org/ns/anno.jsonld` context: what `export-annotations` writes and
/// `import-annotations` reads. Members this store has no use for are ignored on reading.
public struct W3CAnnotation: Codable, Hashable, Sendable {
    public var id: String?
    public var canonical: String?
    public var type: OneOrMany<String>
    public var motivation: OneOrMany<String>?
    public var body: OneOrMany<W3CBody>?
    /// The shorthand for one plain-text body.
    public var bodyValue: String?
    public var target: OneOrMany<W3CTarget>

    public init(id: String, body: [W3CBody], motivation: String, target: W3CTarget) {
        self.id = id
        canonical = id
        type = OneOrMany(["Annotation"])
        self.motivation = OneOrMany([motivation])
        self.body = body.isEmpty ? nil : OneOrMany(body)
        self.target = OneOrMany([target])
    }
}

/// A body: the note (purpose `commenting`) or one tag (purpose `tagging`).
public struct W3CBody: Codable, Hashable, Sendable {
    public var type: OneOrMany<String>?
    public var value: String?
    public var format: String?
    public var purpose: OneOrMany<String>?

    public init(value: String, purpose: String, format: String? = nil) {
        type = OneOrMany(["TextualBody"])
        self.value = value
        self.format = format
        self.purpose = OneOrMany([purpose])
    }

    /// Whether the body is a tag.
    public var isTag: Bool { purpose?.values.contains("tagging") ?? false }
}

/// The annotated text: the article (`source`), the page it was seen on (`scope`) and
/// selectors for the span. A bare IRI is read as a source without selectors.
public struct W3CTarget: Codable, Hashable, Sendable {
    public var type: String?
    public var source: String?
    public var scope: String?
    public var selector: OneOrMany<W3CSelector>?

    public init(source: String, scope: String?, selectors: [W3CSelector]) {
        type = "SpecificResource"
        self.source = source
        self.scope = scope
        selector = OneOrMany(selectors)
    }

    enum CodingKeys: String, CodingKey { case type, source, scope, selector }

    public init(from decoder: any Decoder) throws {
        if let iri = try? decoder.singleValueContainer().decode(String.self) {
            source = iri
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        scope = try container.decodeIfPresent(String.self, forKey: .scope)
        selector = try container.decodeIfPresent(OneOrMany<W3CSelector>.self, forKey: .selector)
    }

    /// The selector of `type`, if any.
    func selector(_ type: String) -> W3CSelector? { selector?.values.first(type) }
}

/// A TextQuoteSelector (`exact`, `prefix`, `suffix`) or a TextPositionSelector (`start`,
/// `end`, code points of the text, which are Unicode scalars). Hypothesis writes the
/// same shapes, counting positions in UTF-16 instead.
public struct W3CSelector: Codable, Hashable, Sendable {
    public var type: String
    public var exact: String?
    public var prefix: String?
    public var suffix: String?
    public var start: Int?
    public var end: Int?

    public static func quote(exact: String, prefix: String, suffix: String) -> W3CSelector {
        W3CSelector(type: "TextQuoteSelector", exact: exact, prefix: prefix, suffix: suffix)
    }

    public static func position(_ range: Range<Int>) -> W3CSelector {
        W3CSelector(type: "TextPositionSelector", start: range.lowerBound, end: range.upperBound)
    }

    /// The range of a position selector, when it is a well-formed one.
    var range: Range<Int>? {
        guard let start, let end, start >= 0, end >= start else { return nil }
        return start..<end
    }
}

extension [W3CSelector] {
    /// The first selector of `type`, if any.
    func first(_ type: String) -> W3CSelector? { first { $0.type == type } }
}

import Foundation

/// The article a page describes in schema.org JSON-LD (`<script type="application/ld+json">`):
/// the publisher's own statement of its headline, address, date, authors and, on
/// some sites, the whole text.
struct LinkedDataArticle {
    private(set) var headline: String?
    private(set) var articleBody: String?
    private(set) var url: String?
    private(set) var datePublished: String?
    private(set) var authors: [String] = []

    /// The first article described in the page's JSON-LD, looking into arrays and
    /// `@graph`; nil when there is none. Line breaks and tabs written raw inside strings,
    /// which JSON forbids and many sites' `articleBody` holds, are read as escaped; a
    /// script that is still not JSON is passed over.
    static func first(in root: HTMLElement) -> LinkedDataArticle? {
        for script in root.descendants where script.name == "script" {
            let type = (script[attribute: "type"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard type == "application/ld+json", let json = json(script.textContent), let article = first(in: json)
            else { continue }
            return article
        }
        return nil
    }

    private static func json(_ text: String) -> Any? {
        let parse = { (text: String) in try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
        return parse(text) ?? parse(escapingControlCharactersInStrings(text))
    }

    /// `text` with each control character inside a JSON string written as its escape.
    private static func escapingControlCharactersInStrings(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var inString = false
        var escaped = false
        for scalar in text.unicodeScalars {
            if inString && !escaped && scalar.value < 0x20 {
                let escape = switch scalar {
                case "\n": "\\n"
                case "\r": "\\r"
                case "\t": "\\t"
                default: "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                }
                result.append(contentsOf: escape.unicodeScalars)
                continue
            }
            result.append(scalar)
            if inString && !escaped && scalar == "\\" {
                escaped = true
            } else {
                if scalar == "\"" && !escaped { inString.toggle() }
                escaped = false
            }
        }
        return String(result)
    }

    private static func first(in json: Any) -> LinkedDataArticle? {
        if let array = json as? [Any] { return array.lazy.compactMap(first(in:)).first }
        guard let object = json as? [String: Any] else { return nil }
        if isArticle(object["@type"]) { return LinkedDataArticle(object) }
        return object["@graph"].flatMap(first(in:))
    }

    private init(_ object: [String: Any]) {
        headline = Self.text(object["headline"])
        articleBody = Self.text(object["articleBody"])
        url = Self.text(object["url"])
        datePublished = Self.text(object["datePublished"])
        authors = Self.names(object["author"])
    }

    /// `Article` or one of its kinds: any type whose name ends in `Article`
    /// (`NewsArticle`, `ReportageNewsArticle`...), `BlogPosting`, `LiveBlogPosting`,
    /// `Report`; named bare, `schema:`-prefixed or by full IRI, alone or in an array.
    private static func isArticle(_ type: Any?) -> Bool {
        let names = (type as? [Any] ?? [type as Any]).compactMap { $0 as? String }
        return names.contains { name in
            let local = name.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? name
            return local.hasSuffix("Article") || ["BlogPosting", "LiveBlogPosting", "Report"].contains(local)
        }
    }

    /// A non-blank string, whitespace at the ends removed.
    private static func text(_ value: Any?) -> String? {
        guard let string = value as? String else { return nil }
        let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Names of authors given as a string, a `Person` or `Organization` with a `name`,
    /// or an array of these.
    private static func names(_ value: Any?) -> [String] {
        if let array = value as? [Any] { return array.flatMap(names) }
        if let object = value as? [String: Any] { return text(object["name"]).map { [$0] } ?? [] }
        return text(value).map { [$0] } ?? []
    }
}

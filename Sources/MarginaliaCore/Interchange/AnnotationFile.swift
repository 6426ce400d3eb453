import Foundation

/// An annotation file read for import: a W3C `AnnotationCollection` (what
/// `export-annotations` writes) or a Hypothesis export (a JSON array of annotations,
/// or an object holding one under `rows` or `annotations`).
public struct AnnotationFile: Sendable {
    public enum Format: String, Sendable {
        case w3c = "W3C"
        case hypothesis = "Hypothesis"
    }

    public var format: Format
    public var annotations: [InterchangeAnnotation]
    /// Hypothesis page notes and replies: they quote no text, so there is nothing to place.
    public var skipped: Int

    /// Reads `data`; `source` names the file in errors.
    public init(parsing data: Data, source: String) throws(InterchangeError) {
        let shape: Shape = try Self.decode(Shape.self, from: data, source: source)
        switch shape {
        case .array:
            self.init(hypothesis: try Self.decode([HypothesisAnnotation].self, from: data, source: source))
        case .object(let types, let members):
            if types.contains("AnnotationCollection") {
                let collection = try Self.decode(W3CAnnotationCollection.self, from: data, source: source)
                try self.init(collection: collection, source: source)
            } else if members.contains("rows") || members.contains("annotations") {
                let wrapper = try Self.decode(HypothesisWrapper.self, from: data, source: source)
                self.init(hypothesis: wrapper.rows ?? wrapper.annotations ?? [])
            } else {
                let what = types.isEmpty ? "an object without 'type'" : "an object of type \(types.joined(separator: ", "))"
                throw .notAnnotations(source: source, detail: "it holds \(what)")
            }
        case .other:
            throw .notAnnotations(source: source, detail: "it holds neither an object nor an array")
        }
    }

    private init(collection: W3CAnnotationCollection, source: String) throws(InterchangeError) {
        if collection.first?.next != nil {
            throw .notAnnotations(source: source, detail: "only collections with every annotation in the first page are read")
        }
        var annotations: [InterchangeAnnotation] = []
        for (index, annotation) in (collection.first?.items ?? []).enumerated() {
            annotations.append(try annotation.interchange(index: index))
        }
        self.init(format: .w3c, annotations: annotations, skipped: 0)
    }

    private init(hypothesis: [HypothesisAnnotation]) {
        let annotations = hypothesis.compactMap { $0.interchange() }
        self.init(format: .hypothesis, annotations: annotations, skipped: hypothesis.count - annotations.count)
    }

    private init(format: Format, annotations: [InterchangeAnnotation], skipped: Int) {
        self.format = format
        self.annotations = annotations
        self.skipped = skipped
    }

    private static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String) throws(InterchangeError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw .malformedJSON(source: source, detail: syntaxError(in: data))
            }
            throw InterchangeError.decoding(error, source: source)
        } catch {
            throw .malformedJSON(source: source, detail: String(describing: error))
        }
    }

    /// Where `data` stops being JSON, as a line and column: Foundation's decoder does not
    /// say, its serializer gives a byte offset ("around character 12").
    private static func syntaxError(in data: Data) -> String {
        let message: String
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return "it does not parse"
        } catch {
            message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "it does not parse"
        }
        guard let range = message.range(of: "around character "),
              let offset = Int(message[range.upperBound...].prefix(while: \.isNumber))
        else { return message }
        let before = data.prefix(offset)
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        let what = message[..<range.lowerBound].trimmingCharacters(in: .whitespaces).lowercased()
        return "\(what.isEmpty ? "error" : what) at line \(line), column \(column)"
    }

    private struct HypothesisWrapper: Decodable {
        var rows: [HypothesisAnnotation]?
        var annotations: [HypothesisAnnotation]?
    }

    /// The top level of the file: enough to tell the formats apart.
    private enum Shape: Decodable {
        case array
        case object(types: [String], members: Set<String>)
        case other

        init(from decoder: any Decoder) throws {
            if let object = try? decoder.container(keyedBy: DynamicCodingKey.self) {
                let types = try? object.decodeIfPresent(OneOrMany<String>.self, forKey: DynamicCodingKey(stringValue: "type"))
                self = .object(types: types?.values ?? [], members: Set(object.allKeys.map(\.stringValue)))
            } else if (try? decoder.unkeyedContainer()) != nil {
                self = .array
            } else {
                self = .other
            }
        }
    }
}

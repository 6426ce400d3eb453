/// The value a change writes into one register.
///
/// Each field has one value type (`FieldName.valueType`), so the JSON form needs no
/// type tags: a string, `null`, a boolean, an entity id, or an anchor object.
public enum FieldValue: Hashable, Sendable {
    /// NFC text: titles, bodies, notes, sources.
    case text(String)
    /// The absence of an optional text (a cleared source).
    case none
    /// `alive` and tag membership.
    case flag(Bool)
    /// The article an annotation belongs to.
    case reference(EntityID)
    /// Where an annotation points.
    case anchor(Anchor)

    /// What a register holds, which decides how its JSON is read.
    public enum ValueType: Sendable {
        case text, optionalText, flag, reference, anchor
    }

    /// Whether this value is of the given type.
    public func isOfType(_ type: ValueType) -> Bool {
        switch (self, type) {
        case (.text, .text), (.text, .optionalText), (.none, .optionalText),
             (.flag, .flag), (.reference, .reference), (.anchor, .anchor): true
        default: false
        }
    }

    /// The text, when this is a text value.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The boolean, when this is a flag.
    public var flag: Bool? {
        if case .flag(let flag) = self { return flag }
        return nil
    }

    /// The referenced entity, when this is a reference.
    public var reference: EntityID? {
        if case .reference(let entity) = self { return entity }
        return nil
    }

    /// The anchor, when this is an anchor.
    public var anchor: Anchor? {
        if case .anchor(let anchor) = self { return anchor }
        return nil
    }
}

extension FieldValue {
    /// Reads a value of `type` from a single-value decoding container.
    init(from container: any SingleValueDecodingContainer, as type: ValueType) throws {
        switch type {
        case .text:
            self = .text(try container.decode(String.self))
        case .optionalText:
            self = container.decodeNil() ? .none : .text(try container.decode(String.self))
        case .flag:
            self = .flag(try container.decode(Bool.self))
        case .reference:
            self = .reference(try container.decode(EntityID.self))
        case .anchor:
            self = .anchor(try container.decode(Anchor.self))
        }
    }
}

extension FieldValue: Encodable {
    /// Writes the untagged JSON form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .none: try container.encodeNil()
        case .flag(let flag): try container.encode(flag)
        case .reference(let entity): try container.encode(entity)
        case .anchor(let anchor): try container.encode(anchor)
        }
    }
}

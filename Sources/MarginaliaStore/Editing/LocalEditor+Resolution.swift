import MarginaliaCore

extension LocalEditor {
    /// Settles the open conflict `id` as `resolution` says (what each means is
    /// documented on `Resolution`) and returns what was written. Refused, with nothing
    /// written, when the conflict is not open or the resolution does not fit it.
    ///
    /// A resolution is an ordinary edit: its causal context covers every competing
    /// value, so on every replica that receives it the result supersedes them all, and
    /// it creates no conflict of its own.
    @discardableResult
    public mutating func resolve(_ id: Conflict.ID, by resolution: Resolution) throws -> Settlement {
        guard let conflict = try Replica.openConflicts(of: id.entity, in: db).first(where: { $0.id == id }) else {
            let kind = try EntityStore(db: db).kind(of: id.entity) ?? .article
            throw id.field == .alive
                ? ReplicaError.notContested(id.entity, kind: kind) : ReplicaError.notInConflict(id.entity, kind: kind, field: id.field)
        }
        switch conflict.kind {
        case .field(let field, let values):
            let settlement = try Self.settlement(of: conflict, by: resolution, values: values, ours: replica)
            let value: FieldValue = switch settlement {
            case .took(let taken): taken.value
            case .wrote(let text): .text(text)
            case .kept, .deleted: preconditionFailure("a field conflict settles with a value")
            }
            try write(value, to: field, of: conflict)
            return settlement
        case .editedWhileDeleted(let values):
            switch resolution {
            case .keep: return try keep(conflict)
            case .delete: return try discard(conflict)
            case .take(let number):
                let taken = try Self.value(number, of: values, in: conflict)
                return try taken.value == .flag(true) ? keep(conflict) : discard(conflict)
            case .ours, .theirs, .text: throw ReplicaError.unsuitable(for: conflict)
            }
        case .annotationOnDeletedArticle(let article):
            switch resolution {
            case .keep, .take(1):
                try record(article, kind: .article, fields: [.alive: .flag(true)])
                return .kept
            case .delete, .take(2): return try discard(conflict)
            case .take(let number):
                throw ReplicaError.noSuchValue(id, kind: conflict.entityKind, number: number, count: 2)
            case .ours, .theirs, .text: throw ReplicaError.unsuitable(for: conflict)
            }
        }
    }

    /// What a field conflict's `resolution` writes.
    private static func settlement(
        of conflict: Conflict, by resolution: Resolution, values: [CompetingValue], ours replica: ReplicaID
    ) throws -> Settlement {
        let kind = conflict.entityKind
        switch resolution {
        case .take(let number):
            return .took(try value(number, of: values, in: conflict))
        case .ours:
            guard let ours = values.first(where: { $0.dot.replica == replica }) else {
                throw ReplicaError.noLocalValue(conflict.id, kind: kind)
            }
            return .took(ours)
        case .theirs:
            let theirs = values.filter { $0.dot.replica != replica }
            guard let first = theirs.first, theirs.allSatisfy({ $0.value == first.value }) else {
                throw ReplicaError.ambiguousTheirs(conflict.id, kind: kind, count: theirs.count)
            }
            return .took(first)
        case .text(let text):
            guard conflict.id.field.holdsText else { throw ReplicaError.notText(conflict.id, kind: kind) }
            return .wrote(text)
        case .keep, .delete:
            throw ReplicaError.unsuitable(for: conflict)
        }
    }

    /// Value `number` (from 1) of `values`.
    private static func value(_ number: Int, of values: [CompetingValue], in conflict: Conflict) throws -> CompetingValue {
        guard values.indices.contains(number - 1) else {
            throw ReplicaError.noSuchValue(conflict.id, kind: conflict.entityKind, number: number, count: values.count)
        }
        return values[number - 1]
    }

    /// Writes `value` over every competing value of `field`.
    private mutating func write(_ value: FieldValue, to field: FieldName, of conflict: Conflict) throws {
        let state = try visibleState(conflict.entity, kind: conflict.entityKind)
        try recordEdit(of: state, fields: [field: try Self.validValue(value, for: field)])
    }

    /// Keeps an entity edited while deleted elsewhere: an edit of nothing but `alive`.
    private mutating func keep(_ conflict: Conflict) throws -> Settlement {
        try recordEdit(of: try visibleState(conflict.entity, kind: conflict.entityKind), fields: [:])
        return .kept
    }

    /// Deletes the entity after all.
    private mutating func discard(_ conflict: Conflict) throws -> Settlement {
        switch conflict.entityKind {
        case .article: try deleteArticle(conflict.entity)
        case .annotation: try deleteAnnotation(conflict.entity)
        }
        return .deleted
    }

    /// `value` as `field` stores it: text in NFC, a title trimmed and on one line, an
    /// empty source as no source.
    private static func validValue(_ value: FieldValue, for field: FieldName) throws -> FieldValue {
        guard value.isOfType(field.valueType) else {
            throw ReplicaError.unacceptableChange("\(field) cannot hold that kind of value")
        }
        switch (field, value) {
        case (.title, .text(let title)): return .text(try validTitle(title))
        case (.source, .text(let source)) where source.isEmpty: return FieldValue.none
        case (_, .text(let text)): return .text(TextNormalization.nfc(text))
        default: return value
        }
    }
}

extension ReplicaError {
    /// The refusal of a resolution that does not fit `conflict`, saying which do.
    static func unsuitable(for conflict: Conflict) -> ReplicaError {
        let subject = conflict.id.name(of: conflict.entityKind)
        return switch conflict.kind {
        case .field:
            .unsuitableResolution(
                "\(subject) has competing values: --keep and --delete settle an edit made while deleted elsewhere")
        case .editedWhileDeleted:
            .unsuitableResolution("\(subject) was edited on one replica while deleted on another: choose --keep or --delete")
        case .annotationOnDeletedArticle:
            .unsuitableResolution(
                "\(subject) annotates a deleted article: choose --keep (bringing the article back) or --delete")
        }
    }
}

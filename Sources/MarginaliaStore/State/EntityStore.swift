import GRDB
import MarginaliaCore

/// Reads and writes the derived state of entities: register siblings (`SiblingRows`), the
/// `articles`/`annotations` rows people query (and their full-text indexes), and tag
/// memberships.
struct EntityStore {
    let db: Database

    /// The kind of `entity`, or nil when no change to it has been applied.
    func kind(of entity: EntityID) throws -> EntityKind? {
        let sql = """
            SELECT 'article' FROM articles WHERE id = ?1
            UNION ALL SELECT 'annotation' FROM annotations WHERE id = ?1
            """
        return try String.fetchOne(db.cachedStatement(sql: sql), arguments: [entity.rawValue])
            .flatMap(EntityKind.init(rawValue:))
    }

    /// The merged state of `entity` as stored, or a fresh one when it is new; throws
    /// `EntityKindMismatch` when it exists as the other kind.
    func load(_ entity: EntityID, kind: EntityKind) throws -> EntityState {
        let table = Self.table(for: kind)
        guard let times = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT created_ms, updated_ms FROM \(table) WHERE id = ?"),
            arguments: [entity.rawValue])
        else {
            let other: EntityKind = kind == .article ? .annotation : .article
            if try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM \(Self.table(for: other)) WHERE id = ?"), arguments: [entity.rawValue]
            ) != nil {
                throw EntityKindMismatch(entity: entity, actual: other, claimed: kind)
            }
            return EntityState(id: entity, kind: kind)
        }
        return EntityState(
            id: entity, kind: kind, registers: try SiblingRows(db: db).registers(of: entity, kind: kind),
            firstTime: times[0], lastTime: times[1])
    }

    /// Stores the registers of `fields` and the entity's snapshot row and tags.
    /// `isNew` says the entity had no stored state, so there is nothing to replace.
    func save(_ state: EntityState, fields: some Sequence<FieldName>, isNew: Bool) throws {
        var touchesTags = false
        let siblings = SiblingRows(db: db)
        for field in fields {
            if case .tag = field { touchesTags = true }
            try siblings.replace(field, of: state.id, with: state.register(field), isNew: isNew)
        }
        switch state.kind {
        case .article: try saveRow(ArticleSnapshot(state), isNew: isNew)
        case .annotation: try saveRow(AnnotationSnapshot(state), isNew: isNew)
        }
        if touchesTags { try saveTags(of: state, isNew: isNew) }
    }

    private func saveRow(_ article: ArticleSnapshot, isNew: Bool) throws {
        let old = isNew ? nil : try Row.fetchOne(
            db.cachedStatement(sql: "SELECT rowid, title, body FROM articles WHERE id = ?"), arguments: [article.id.rawValue])
        try db.cachedStatement(sql: """
            INSERT INTO articles (id, title, body, body_replica, body_counter, source, existence, conflicts,
                                  created_ms, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, body = excluded.body, body_replica = excluded.body_replica,
                body_counter = excluded.body_counter, source = excluded.source, existence = excluded.existence,
                conflicts = excluded.conflicts, created_ms = excluded.created_ms, updated_ms = excluded.updated_ms
            """).execute(arguments: [
                article.id.rawValue, article.title, article.body, article.bodyRevision?.replica.rawValue,
                article.bodyRevision?.counter, article.source, article.existence.rawValue,
                Self.conflictList(article.conflictedFields), article.created, article.updated,
            ])
        try SearchIndex(db: db).articleSaved(
            rowid: old?[0] ?? db.lastInsertedRowID, old: old.map { ($0[1], $0[2]) }, title: article.title,
            body: article.body)
    }

    private func saveRow(_ annotation: AnnotationSnapshot, isNew: Bool) throws {
        let old = isNew ? nil : try Row.fetchOne(
            db.cachedStatement(sql: "SELECT rowid, note FROM annotations WHERE id = ?"), arguments: [annotation.id.rawValue])
        let anchor = annotation.anchor
        try db.cachedStatement(sql: """
            INSERT INTO annotations (id, article, start, "end", quote, prefix, suffix, revision_replica,
                                     revision_counter, note, existence, conflicts, created_ms, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                article = excluded.article, start = excluded.start, "end" = excluded."end", quote = excluded.quote,
                prefix = excluded.prefix, suffix = excluded.suffix, revision_replica = excluded.revision_replica,
                revision_counter = excluded.revision_counter, note = excluded.note, existence = excluded.existence,
                conflicts = excluded.conflicts, created_ms = excluded.created_ms, updated_ms = excluded.updated_ms
            """).execute(arguments: [
                annotation.id.rawValue, annotation.article?.rawValue, anchor?.start, anchor?.end, anchor?.quote,
                anchor?.prefix, anchor?.suffix, anchor?.revision?.replica.rawValue, anchor?.revision?.counter,
                annotation.note, annotation.existence.rawValue, Self.conflictList(annotation.conflictedFields),
                annotation.created, annotation.updated,
            ])
        try SearchIndex(db: db).annotationSaved(
            rowid: old?[0] ?? db.lastInsertedRowID, old: old.map { $0[1] }, note: annotation.note)
    }

    private func saveTags(of state: EntityState, isNew: Bool) throws {
        if !isNew {
            try db.cachedStatement(sql: "DELETE FROM tags WHERE entity = ?").execute(arguments: [state.id.rawValue])
        }
        let insert = try db.cachedStatement(sql: "INSERT INTO tags (tag, entity) VALUES (?, ?)")
        for tag in state.tags {
            try insert.execute(arguments: [tag, state.id.rawValue])
        }
    }

    static func table(for kind: EntityKind) -> String {
        switch kind {
        case .article: "articles"
        case .annotation: "annotations"
        }
    }

    /// The `conflicts` column: conflicted field names separated by spaces, empty when none.
    static func conflictList(_ fields: [FieldName]) -> String {
        fields.map(\.rawValue).joined(separator: " ")
    }
}

import GRDB
import MarginaliaCore

/// Reads and writes the derived state of entities: the `articles`/`annotations` rows
/// people query, which also hold the entity's registers (`StoredRegisters`), their
/// full-text indexes, and tag memberships.
struct EntityStore {
    let db: Database
    /// The rows the full-text indexes hold, whose entries saving a row keeps up to date:
    /// the others are left for the indexes' build to reach (`SearchIndex.Reach`).
    var searchReach = SearchIndex.Reach.all

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
        let query = StateQuery.for(kind)
        guard let row = try Row.fetchOne(db.cachedStatement(sql: query.sql), arguments: [entity.rawValue]) else {
            return EntityState(id: entity, kind: kind)
        }
        guard row[0] as Bool else {
            throw EntityKindMismatch(entity: entity, actual: kind == .article ? .annotation : .article, claimed: kind)
        }
        let stored: String = row[3]
        guard let registers = StoredRegisters.registers(stored, displayedText: { field in
            query.texts.firstIndex(of: field).map { row[4 + $0] }
        }) else {
            throw CorruptReplicaError("\(kind) \(entity) has registers that do not read: \(stored.prefix(80))")
        }
        return EntityState(id: entity, kind: kind, registers: registers, firstTime: row[1], lastTime: row[2])
    }

    /// Stores the entity's row (its registers and snapshot), full-text index entry,
    /// tags and conflicts. `fields` are those the last change wrote; `isNew` says the
    /// entity had no stored state, so there is nothing to replace.
    func save(_ record: EntityRecord, fields: some Sequence<FieldName>, isNew: Bool) throws {
        switch record.snapshot {
        case .article(let article): try saveRow(article, registers: record.registers, isNew: isNew)
        case .annotation(let annotation): try saveRow(annotation, registers: record.registers, isNew: isNew)
        }
        if fields.contains(where: { if case .tag = $0 { true } else { false } }) {
            try saveTags(of: record, isNew: isNew)
        }
        try saveConflicts(of: record, isNew: isNew)
    }

    private func saveRow(_ article: ArticleSnapshot, registers: String, isNew: Bool) throws {
        let old = isNew ? nil : try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT rowid, title, body, body_replica, body_counter, existence FROM articles WHERE id = ?
                """), arguments: [article.id.rawValue])
        try db.cachedStatement(sql: """
            INSERT INTO articles (id, registers, title, body, body_replica, body_counter, source, existence, created_ms,
                                  updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                registers = excluded.registers, title = excluded.title, body = excluded.body,
                body_replica = excluded.body_replica, body_counter = excluded.body_counter, source = excluded.source,
                existence = excluded.existence, created_ms = excluded.created_ms, updated_ms = excluded.updated_ms
            """).execute(arguments: [
                article.id.rawValue, registers, article.title, article.body, article.bodyRevision?.replica.rawValue,
                article.bodyRevision?.counter, article.source, article.existence.rawValue, article.created,
                article.updated,
            ])
        let rowid: Int64 = old?[0] ?? db.lastInsertedRowID
        let bodyRevisionChanged = old.map { row in
            row[3] as String? != article.bodyRevision?.replica.rawValue || row[4] as UInt64? != article.bodyRevision?.counter
        } ?? true
        if bodyRevisionChanged { try MayHaveMoved.refresh(annotationsOf: article.id, in: db) }
        try VisibleCounts(db: db).update(
            .article, wasVisible: try old.map { try Existence.stored($0[5]).isVisible } ?? false,
            isVisible: article.existence.isVisible)
        guard rowid <= searchReach.articles else { return }
        try SearchIndex(db: db).articleSaved(
            rowid: rowid, old: old.map { ($0[1], $0[2]) }, title: article.title, body: article.body)
    }

    private func saveRow(_ annotation: AnnotationSnapshot, registers: String, isNew: Bool) throws {
        let old = isNew ? nil : try Row.fetchOne(
            db.cachedStatement(sql: "SELECT rowid, note, existence FROM annotations WHERE id = ?"),
            arguments: [annotation.id.rawValue])
        let anchor = annotation.anchor
        try db.cachedStatement(sql: """
            INSERT INTO annotations (id, registers, article, start, "end", quote, prefix, suffix, revision_replica,
                                     revision_counter, note, existence, created_ms, updated_ms, may_have_moved)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                    \(MayHaveMoved.condition(article: "?3", replica: "?9", counter: "?10")))
            ON CONFLICT (id) DO UPDATE SET
                registers = excluded.registers, article = excluded.article, start = excluded.start,
                "end" = excluded."end", quote = excluded.quote, prefix = excluded.prefix, suffix = excluded.suffix,
                revision_replica = excluded.revision_replica, revision_counter = excluded.revision_counter,
                note = excluded.note, existence = excluded.existence, created_ms = excluded.created_ms,
                updated_ms = excluded.updated_ms, may_have_moved = excluded.may_have_moved
            """).execute(arguments: [
                annotation.id.rawValue, registers, annotation.article?.rawValue, anchor?.start, anchor?.end,
                anchor?.quote, anchor?.prefix, anchor?.suffix, anchor?.revision?.replica.rawValue, anchor?.revision?.counter,
                annotation.note, annotation.existence.rawValue, annotation.created, annotation.updated,
            ])
        let rowid: Int64 = old?[0] ?? db.lastInsertedRowID
        try VisibleCounts(db: db).update(
            .annotation, wasVisible: try old.map { try Existence.stored($0[2]).isVisible } ?? false,
            isVisible: annotation.existence.isVisible)
        guard rowid <= searchReach.notes else { return }
        try SearchIndex(db: db).annotationSaved(rowid: rowid, old: old.map { $0[1] }, note: annotation.note)
    }

    /// Replaces the entity's rows of `entity_conflicts` with its registers' conflicts.
    private func saveConflicts(of record: EntityRecord, isNew: Bool) throws {
        if !isNew {
            try db.cachedStatement(sql: "DELETE FROM entity_conflicts WHERE entity = ?").execute(arguments: [record.id.rawValue])
        }
        guard !record.conflicts.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT INTO entity_conflicts (entity, field) VALUES (?, ?)")
        for conflict in record.conflicts {
            try insert.execute(arguments: [conflict.entity.rawValue, conflict.field.rawValue])
        }
    }

    private func saveTags(of record: EntityRecord, isNew: Bool) throws {
        if !isNew {
            try db.cachedStatement(sql: "DELETE FROM tags WHERE entity = ?").execute(arguments: [record.id.rawValue])
        }
        let insert = try db.cachedStatement(sql: "INSERT INTO tags (tag, entity) VALUES (?, ?)")
        for tag in record.tags {
            try insert.execute(arguments: [tag, record.id.rawValue])
        }
    }

    /// The query reading the stored state of one kind of entity: whether it is of that
    /// kind, its times, its registers, then the columns holding its displayed texts
    /// (`texts`, in that order). An entity of the other kind gives a row of false and
    /// nulls, so that one statement tells a new entity, a stored one and a mismatch
    /// apart (a sync loads every change's entity: a second statement for new entities
    /// was 120,000 more in an initial sync). Built once per kind rather than for every
    /// change applied.
    private struct StateQuery {
        let texts: [FieldName]
        let sql: String

        private init(_ kind: EntityKind) {
            texts = StoredRegisters.displayedTextFields.filter(kind.accepts).sorted()
            let columns = ["created_ms", "updated_ms", "registers"] + texts.map(\.rawValue)
            let other: EntityKind = kind == .article ? .annotation : .article
            sql = """
                SELECT 1, \(columns.joined(separator: ", ")) FROM \(EntityStore.table(for: kind)) WHERE id = ?1
                UNION ALL
                SELECT 0\(String(repeating: ", NULL", count: columns.count)) FROM \(EntityStore.table(for: other)) WHERE id = ?1
                """
        }

        private static let article = StateQuery(.article)
        private static let annotation = StateQuery(.annotation)

        static func `for`(_ kind: EntityKind) -> StateQuery {
            switch kind {
            case .article: article
            case .annotation: annotation
            }
        }
    }

    static func table(for kind: EntityKind) -> String {
        switch kind {
        case .article: "articles"
        case .annotation: "annotations"
        }
    }
}

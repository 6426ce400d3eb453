import GRDB
import MarginaliaCore

/// The `siblings` table: one row per sibling of every register, which is what merging
/// needs to apply the next change.
///
/// The displayed text of a text register (an article's title and body, an annotation's
/// note) is not repeated here: its `value` is NULL and the entity's row holds it. Almost
/// every register has one sibling, so this keeps a second copy of every text out of the
/// file; only the texts that lost a conflict are stored here.
struct SiblingRows {
    let db: Database

    /// The registers whose displayed value is stored in the entity's row, in the column
    /// of the same name.
    static let displayedTextFields: [FieldName] = [.title, .body, .note]

    /// Every register of `entity`, stored as a `kind`.
    func registers(of entity: EntityID, kind: EntityKind) throws -> [FieldName: Register] {
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT field, replica, counter, lamport, value FROM siblings WHERE entity = ?"),
            arguments: [entity.rawValue])
        var siblings: [FieldName: [Sibling]] = [:]
        while let row = try rows.next() {
            let (field, sibling) = try self.sibling(row, of: entity, kind: kind)
            siblings[field, default: []].append(sibling)
        }
        return siblings.mapValues(Register.init(siblings:))
    }

    /// The register of `field` of `entity`, stored as a `kind`.
    func register(_ field: FieldName, of entity: EntityID, kind: EntityKind) throws -> Register {
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT field, replica, counter, lamport, value FROM siblings WHERE entity = ? AND field = ?
                """),
            arguments: [entity.rawValue, field.rawValue])
        var siblings: [Sibling] = []
        while let row = try rows.next() { siblings.append(try sibling(row, of: entity, kind: kind).sibling) }
        return Register(siblings: siblings)
    }

    /// Replaces the stored siblings of `field` with those of `register`; `isNew` says
    /// the entity had none stored.
    func replace(_ field: FieldName, of entity: EntityID, with register: Register, isNew: Bool) throws {
        if !isNew {
            try db.cachedStatement(sql: "DELETE FROM siblings WHERE entity = ? AND field = ?")
                .execute(arguments: [entity.rawValue, field.rawValue])
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO siblings (entity, field, replica, counter, lamport, value) VALUES (?, ?, ?, ?, ?, ?)
            """)
        let displayed = Self.displayedTextFields.contains(field) ? register.winner?.dot : nil
        for sibling in register.siblings {
            try insert.execute(arguments: [
                entity.rawValue, field.rawValue, sibling.dot.replica.rawValue, sibling.dot.counter, sibling.lamport,
                sibling.dot == displayed ? .null : StoredValue.databaseValue(sibling.value),
            ])
        }
    }

    private func sibling(_ row: Row, of entity: EntityID, kind: EntityKind) throws -> (field: FieldName, sibling: Sibling) {
        let fieldText: String = row[0]
        let replicaText: String = row[1]
        guard let field = FieldName(fieldText), let replica = ReplicaID(replicaText) else {
            throw CorruptReplicaError("sibling of \(entity) has field '\(fieldText)' and replica '\(replicaText)'")
        }
        let stored: DatabaseValue = row[4]
        let value = stored.isNull && Self.displayedTextFields.contains(field)
            ? try displayedText(field, of: entity, kind: kind)
            : try StoredValue.fieldValue(stored, for: field)
        return (field, Sibling(dot: Dot(replica: replica, counter: row[2]), lamport: row[3], value: value))
    }

    /// The displayed value of a text register, from the entity's row.
    private func displayedText(_ field: FieldName, of entity: EntityID, kind: EntityKind) throws -> FieldValue {
        let sql = "SELECT \(field.rawValue) FROM \(EntityStore.table(for: kind)) WHERE id = ?"
        guard let text = try String.fetchOne(db.cachedStatement(sql: sql), arguments: [entity.rawValue]) else {
            throw CorruptReplicaError("\(kind) \(entity) has no \(field) for its displayed sibling")
        }
        return .text(text)
    }
}

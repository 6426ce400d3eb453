import MarginaliaCore

extension Replica {
    /// The value the competing `siblings` of `field` were edited from, with who wrote it
    /// and when: the latest value every sibling's author had seen (`CommonAncestor`),
    /// read from the entity's change log. Nil when the field had no value before them.
    public func commonAncestor(of field: FieldName, in entity: EntityID, siblings: [Dot]) throws -> CompetingValue? {
        let history = try history(of: entity)
        guard let change = CommonAncestor.find(of: field, siblings: siblings, in: history.map(\.change)),
              let value = change.fields[field]
        else { return nil }
        let name = history.first { $0.change.dot == change.dot }?.replicaName
        return CompetingValue(dot: change.dot, lamport: change.lamport, replicaName: name, time: change.time, value: value)
    }
}

/// Whether an entity exists, read from its `alive` register.
public enum Existence: String, CaseIterable, Sendable, Codable {
    /// Every current `alive` value is true.
    case live
    /// Deleted, with no edit concurrent with the deletion.
    case deleted
    /// An edit and a deletion were concurrent: kept visible and flagged until someone decides.
    case contested

    init(_ alive: Register) {
        let values = Set(alive.siblings.compactMap(\.value.flag))
        switch (values.contains(true), values.contains(false)) {
        case (true, false): self = .live
        case (true, true): self = .contested
        default: self = .deleted
        }
    }

    /// Whether people see the entity: a contested entity is shown, never silently dropped.
    public var isVisible: Bool { self != .deleted }
}

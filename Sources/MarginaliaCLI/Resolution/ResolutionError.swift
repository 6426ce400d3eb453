import MarginaliaCore

/// Why a conflict could not be settled as asked, worded for the person at the keyboard.
enum ResolutionError: Error, CustomStringConvertible {
    case unknownField(String, kind: EntityKind)
    /// The merge left conflicts and no editor is set: `markedText` holds them, for the user to edit.
    case unmergedConflicts(count: Int, subject: String, markedText: String)
    case markersRemain(subject: String)
    case noEditor

    var description: String {
        switch self {
        case .unknownField(let name, let kind):
            "'\(name)' is not a field of an \(kind): \(kind.userFields.map(\.rawValue).joined(separator: ", "))"
        case .unmergedConflicts(let count, let subject, _):
            "the merge of \(subject) left \(count) conflict\(count == 1 ? "" : "s"), printed above between markers; "
                + "nothing was written: set $VISUAL or $EDITOR to settle them by hand, or edit the text and pass it with --value-file"
        case .markersRemain(let subject):
            "the edited text of \(subject) still holds conflict markers around more than one version "
                + "(keep one between <<<<<<< and >>>>>>>, or remove the markers); nothing was written"
        case .noEditor:
            "set $VISUAL or $EDITOR to edit by hand"
        }
    }

    var status: ExitStatus {
        switch self {
        case .unknownField: .usage
        case .markersRemain: .dataError
        case .unmergedConflicts, .noEditor: .failure
        }
    }
}

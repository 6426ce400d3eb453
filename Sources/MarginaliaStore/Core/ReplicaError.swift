import MarginaliaCore

/// Everything that can go wrong when opening, reading or editing a replica, worded
/// for the person at the keyboard: what went wrong and where.
public enum ReplicaError: Error, Equatable, CustomStringConvertible {
    case notAReplica(path: String, reason: String)
    case unsupportedFormat(path: String, version: Int)
    case cannotUpgrade(path: String, version: Int)
    case cannotOpen(path: String, reason: String)
    case alreadyInitialized(path: String, id: ReplicaID)
    case idTooShort(String)
    /// Not an id; with what was probably meant (`IDSuggestions`).
    case malformedID(String, suggestions: [String] = [])
    /// No entity of `kind` (of any kind when nil) has an id starting so; with what was
    /// probably meant.
    case unknownID(String, kind: EntityKind? = nil, suggestions: [String] = [])
    case unknownPeer(String)
    /// Not a fingerprint (`Fingerprint.ParseError` says why).
    case invalidFingerprint(String, reason: String)
    /// `trust rm` of what no trusted peer is named and, when `notAFingerprint` says
    /// why, is no fingerprint either.
    case notTrusted(String, notAFingerprint: String?)
    /// `trust add --name` with a name another trusted peer has.
    case trustedNameTaken(String, by: Fingerprint)
    case ambiguousID(String, candidates: [String])
    case wrongKind(EntityID, expected: EntityKind, actual: EntityKind)
    case deleted(EntityID, kind: EntityKind)
    /// `restore` of an entity that is not deleted.
    case notDeleted(EntityID, kind: EntityKind)
    /// `restore` of an annotation whose article is deleted too.
    case onDeletedArticle(EntityID, article: EntityID)
    case emptyTitle
    case invalidTitle
    case invalidName(String)
    case invalidTag(String)
    case nothingToChange
    case notInConflict(EntityID, kind: EntityKind, field: FieldName)
    case notContested(EntityID, kind: EntityKind)
    /// `resolve` of an entity with several field conflicts and no field named: its fields in conflict.
    case needsField([FieldName])
    /// `resolve` of an entity with no open conflict.
    case nothingToResolve(EntityID, kind: EntityKind)
    /// `Resolution.take` of a value the conflict does not have (it has `count`).
    case noSuchValue(Conflict.ID, kind: EntityKind, number: Int, count: Int)
    /// `Resolution.ours` when this replica wrote none of the values.
    case noLocalValue(Conflict.ID, kind: EntityKind)
    /// `Resolution.theirs` when `count` other replicas wrote values that differ.
    case ambiguousTheirs(Conflict.ID, kind: EntityKind, count: Int)
    /// A text (typed or merged) for a field that holds none.
    case notText(Conflict.ID, kind: EntityKind)
    /// A resolution that does not fit the kind of conflict; `reason` says which do.
    case unsuitableResolution(String)
    case unacceptableChange(String)
    /// With the places a few edits away, to suggest.
    case phraseNotFound(String, nearMatches: [QuoteExcerpt])
    /// With every place it occurs; `folded` when they were found only by folding.
    case phraseAmbiguous(String, occurrences: [QuoteExcerpt], folded: Bool)
    case anchor(AnchorError)
    case database(path: String, message: String)
    /// Another process held the file's write lock for longer than the busy timeout.
    case busy(path: String)
    /// The file, or the folder where SQLite keeps its write-ahead log, cannot be written.
    case readOnly(path: String)
    /// A write failed for want of space: a full disk or a file size limit. The
    /// transaction was rolled back.
    case diskFull(path: String)

    /// The fewest characters of an id a command accepts, as in git.
    public static let minimumPrefixLength = 4

    public var description: String {
        switch self {
        case .notAReplica(let path, let reason):
            "\(path) is not a Marginalia replica (\(reason))"
        case .unsupportedFormat(let path, let version):
            "\(path) has replica format \(version), newer than this marginalia understands (\(Schema.version)); upgrade marginalia"
        case .cannotUpgrade(let path, let version):
            "\(path) has replica format \(version), older than this marginalia's (\(Schema.version)), and is read-only; "
                + "make it writable once so that it can be upgraded"
        case .cannotOpen(let path, let reason):
            "cannot open replica \(path): \(reason)"
        case .alreadyInitialized(let path, let id):
            "\(path) is already a replica (id \(id))"
        case .idTooShort(let prefix):
            "id '\(prefix)' is too short: give at least \(Self.minimumPrefixLength) characters"
        case .malformedID(let prefix, let suggestions):
            "'\(prefix)' is not an id: ids are lowercase letters and digits (no i, l, o or u)"
                + Self.didYouMean(suggestions)
        case .unknownID(let prefix, let kind, let suggestions):
            (kind.map { "no \($0) '\(prefix)'" } ?? "no article or annotation has an id starting with '\(prefix)'")
                + Self.didYouMean(suggestions)
        case .unknownPeer(let name):
            "no peer is named '\(name)' (see 'marginalia peers')"
        case .invalidFingerprint(let text, let reason):
            "'\(text)' is not a fingerprint: \(reason)"
        case .notTrusted(let text, nil):
            "no trusted peer has fingerprint \(text) (see 'marginalia trust ls')"
        case .notTrusted(let text, let reason?):
            "'\(text)' names no trusted peer and is not a fingerprint: \(reason)"
        case .trustedNameTaken(let name, let holder):
            "'\(name)' already names the trusted peer \(holder): choose another name, or 'marginalia trust rm \(name)' first"
        case .ambiguousID(let prefix, let candidates):
            "id '\(prefix)' is ambiguous: it starts \(candidates.count) ids (\(candidates.joined(separator: ", ")))"
        case .wrongKind(let id, let expected, let actual):
            "\(id) is an \(actual), not an \(expected)"
        case .deleted(let id, let kind):
            "\(kind) \(id) has been deleted"
        case .notDeleted(let id, let kind):
            "\(kind) \(id) is not deleted"
        case .onDeletedArticle(let id, let article):
            "annotation \(id) is on article \(article), which is deleted too: restore both with 'marginalia restore \(article) \(id)'"
        case .emptyTitle:
            "the title is empty"
        case .invalidTitle:
            "the title holds a line break or another control character; titles are one line"
        case .invalidName(let name):
            "'\(name)' is not a usable replica name: give 1 to 64 characters without control characters"
        case .invalidTag(let tag):
            "'\(tag)' is not a valid tag: tags are 1 to 64 characters without spaces or commas"
        case .unacceptableChange(let problem):
            "the edit cannot be recorded: \(problem)"
        case .nothingToChange:
            "nothing to change: the new values equal the current ones"
        case .notInConflict(let id, let kind, let field):
            "\(field) of \(kind) \(id) is not in conflict (see 'marginalia conflict \(id.rawValue.prefix(8))')"
        case .notContested(let id, let kind):
            "\(kind) \(id) was not edited while deleted elsewhere: there is nothing to keep or delete"
        case .needsField(let fields):
            "give the field to resolve: \(fields.map(\.rawValue).joined(separator: ", "))"
        case .nothingToResolve(let id, let kind):
            "\(kind) \(id) has no open conflicts"
        case .noSuchValue(let conflict, let kind, let number, let count):
            "\(conflict.name(of: kind)) has \(count) values: --take \(number) is out of range (1 to \(count))"
        case .noLocalValue(let conflict, let kind):
            "this replica wrote none of the values of \(conflict.name(of: kind)): use --take N"
        case .ambiguousTheirs(let conflict, let kind, let count):
            "\(count) other replicas wrote values of \(conflict.name(of: kind)): use --take N"
        case .notText(let conflict, let kind):
            "\(conflict.name(of: kind)) is not text: only --take N, --ours or --theirs settle it"
        case .unsuitableResolution(let reason):
            reason
        case .phraseNotFound(let phrase, _):
            "\"\(phrase)\" does not occur in the body, even ignoring case and diacritics"
        case .phraseAmbiguous(let phrase, let occurrences, let folded):
            "\"\(phrase)\" occurs \(occurrences.count) times in the body\(folded ? " (ignoring case and diacritics)" : ""); "
                + "pass --all to replace every one, or --occurrence N for one"
        case .anchor(let error):
            error.description
        case .database(let path, let message):
            "database error in \(path): \(message)"
        case .busy(let path):
            "replica \(path) is busy: another process kept it locked for longer than the busy timeout; try again"
        case .readOnly(let path):
            "replica \(path) is read-only (the file or its folder); nothing was changed"
        case .diskFull(let path):
            "cannot write to replica \(path): the disk is full or the file reached its size limit; nothing was changed"
        }
    }

    /// The lines that follow the error's own, for a person to choose by (see `AnchorError.details`).
    public var details: [String] {
        switch self {
        case .anchor(let error): error.details
        case .phraseNotFound(_, let nearMatches): QuoteExcerpt.suggestions(nearMatches)
        case .phraseAmbiguous(_, let occurrences, _): QuoteExcerpt.choices(occurrences)
        default: []
        }
    }

    /// `; did you mean A or B?`, or nothing without suggestions.
    private static func didYouMean(_ suggestions: [String]) -> String {
        guard let last = suggestions.last else { return "" }
        let others = suggestions.dropLast()
        return "; did you mean " + (others.isEmpty ? last : others.joined(separator: ", ") + " or " + last) + "?"
    }
}

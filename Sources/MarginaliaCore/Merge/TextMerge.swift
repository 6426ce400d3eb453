/// The outcome of a three-way text merge: runs both sides agree on (or only one side
/// changed), and conflicts where both changed the same words differently.
public struct TextMerge: Hashable, Sendable {
    public enum Chunk: Hashable, Sendable {
        /// Text settled by the merge.
        case merged(String)
        /// Both sides changed this part of the ancestor, differently.
        case conflict(base: String, ours: String, theirs: String)
    }

    public var chunks: [Chunk]

    public init(chunks: [Chunk]) {
        self.chunks = chunks
    }

    /// Whether the merge settled everything.
    public var isClean: Bool { conflictCount == 0 }

    public var conflictCount: Int {
        chunks.count { if case .conflict = $0 { true } else { false } }
    }

    /// The merged text, when the merge is clean.
    public var text: String? {
        guard isClean else { return nil }
        return chunks.map { if case .merged(let text) = $0 { text } else { "" } }.joined()
    }

    /// The text with each conflict between diff3-style markers on lines of their own,
    /// the form people know from git, to edit by hand:
    ///
    ///     <<<<<<< ours
    ///     our words
    ///     ||||||| ancestor
    ///     the ancestor's words
    ///     =======
    ///     their words
    ///     >>>>>>> theirs
    public func markedText(ours: String, ancestor: String, theirs: String) -> String {
        var text = ""
        func addLine(_ line: String) {
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            text += line
        }
        for chunk in chunks {
            switch chunk {
            case .merged(let merged):
                text += merged
            case .conflict(let base, let our, let their):
                addLine("\(Self.markers.start) \(ours)\n")
                addLine(our)
                addLine("\(Self.markers.base) \(ancestor)\n")
                addLine(base)
                addLine("\(Self.markers.separator)\n")
                addLine(their)
                addLine("\(Self.markers.end) \(theirs)\n")
            }
        }
        return text
    }

    /// Whether `text` still holds a line starting with a conflict marker: edited text
    /// is only accepted once every conflict has been settled.
    public static func hasConflictMarkers(_ text: String) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: false).contains { line in
            line.hasPrefix(markers.start) || line.hasPrefix(markers.end) || line.hasPrefix(markers.base)
                || line == markers.separator
        }
    }

    private static let markers = (start: "<<<<<<<", base: "|||||||", separator: "=======", end: ">>>>>>>")
}

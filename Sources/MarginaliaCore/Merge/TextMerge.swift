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

    /// The text with each conflict between diff3-style markers, the form people know
    /// from git, to edit by hand. Markers sit on lines of their own, but the line breaks
    /// around them are the markers', not the text's: `settled(_:)` removes them, so a
    /// conflict in the middle of a sentence comes back inside the sentence.
    ///
    ///     the text before
    ///     <<<<<<< ours
    ///     our words
    ///     ||||||| ancestor
    ///     the ancestor's words
    ///     =======
    ///     their words
    ///     >>>>>>> theirs
    ///      the text after
    ///
    /// (A side with no words has no line.)
    public func markedText(ours: String, ancestor: String, theirs: String) -> String {
        var text = ""
        var owesLineBreak = false
        func section(_ words: String) -> String { words.isEmpty ? "" : words + "\n" }
        for chunk in chunks {
            switch chunk {
            case .merged(let merged):
                if owesLineBreak { text += "\n" }
                text += merged
            case .conflict(let base, let our, let their):
                if !text.isEmpty { text += "\n" }
                text += "\(Self.markers.start) \(ours)\n" + section(our)
                    + "\(Self.markers.base) \(ancestor)\n" + section(base)
                    + "\(Self.markers.separator)\n" + section(their)
                    + "\(Self.markers.end) \(theirs)"
            }
            owesLineBreak = if case .conflict = chunk { true } else { false }
        }
        return text
    }

    /// `edited`, this merge's `markedText` after a person edited it, with each conflict
    /// replaced by the version the person settled on, exactly, without the line breaks
    /// around the markers; nil while a conflict is not settled.
    ///
    /// A person settles a conflict in either of two ways: as in git, by deleting the
    /// marker lines and the versions they do not want; or by deleting only the versions
    /// they do not want, keeping the `<<<<<<<` and `>>>>>>>` lines around the one they
    /// want (the lines between may stay or go). Either way, a version they keep or write
    /// goes back into its sentence as it is. The text around the conflicts tells where
    /// each conflict's version starts and ends; where the person changed that text too,
    /// only conflicts whose `<<<<<<<` and `>>>>>>>` lines remain lose the line breaks
    /// around them, and the rest is taken as it is.
    public func settled(_ edited: String) -> String? {
        let between = chunks.reduce(into: [""]) { parts, chunk in
            switch chunk {
            case .merged(let text): parts[parts.count - 1] += text
            case .conflict: parts.append("")
            }
        }
        guard between.count > 1, let versions = Self.versions(in: edited, between: between) else {
            return Self.settledByMarkers(edited[...])
        }
        var text = between[0]
        for (version, after) in zip(versions, between.dropFirst()) {
            guard let settled = Self.settledByMarkers(version) else { return nil }
            text += settled + after
        }
        return text
    }

    /// What stands in `edited` for each conflict, when the text around the conflicts
    /// (`between`, one more than the conflicts) is still there as `markedText` laid it
    /// out, a line break on each side of every conflict (one alone where the person
    /// deleted a conflict's every line).
    private static func versions(in edited: String, between: [String]) -> [Substring]? {
        let first = between[0].isEmpty ? "" : between[0] + "\n"
        guard edited.hasPrefix(first) else { return nil }
        var rest = edited.dropFirst(first.count)
        var versions: [Substring] = []
        for text in between.dropFirst().dropLast() {
            if rest.hasPrefix(text + "\n") {
                versions.append("")
                rest = rest.dropFirst(text.count + 1)
                continue
            }
            let needle = "\n" + text + "\n"
            guard let found = rest.indices.first(where: { rest[$0...].hasPrefix(needle) }) else { return nil }
            versions.append(rest[..<found])
            rest = rest[found...].dropFirst(needle.count)
        }
        let last = between[between.count - 1]
        if last.isEmpty { return versions + [rest] }
        if rest == last { return versions + [""] }
        guard rest.hasSuffix("\n" + last) else { return nil }
        return versions + [rest.dropLast(last.count + 1)]
    }

    /// `edited` with each conflict still between `<<<<<<<` and `>>>>>>>` lines replaced
    /// by the one version left in it (the line breaks around the markers dropped); nil
    /// when one holds more than one version or a marker is out of place. Text with no
    /// markers is taken as it is.
    private static func settledByMarkers(_ edited: Substring) -> String? {
        var text = ""
        var owesLineBreak = false
        // The versions of the conflict being read, nil outside one.
        var versions: [[Substring]]? = nil
        for line in edited.split(separator: "\n", omittingEmptySubsequences: false) {
            switch Marker(line) {
            case .start?:
                guard versions == nil else { return nil }
                versions = [[]]
            case .base?, .separator?:
                guard versions != nil else { return nil }
                versions?.append([])
            case .end?:
                guard let read = versions else { return nil }
                let kept = read.filter { !$0.allSatisfy(\.isEmpty) }
                guard kept.count <= 1 else { return nil }
                text += kept.first?.joined(separator: "\n") ?? ""
                versions = nil
                owesLineBreak = false
            case nil:
                if versions != nil {
                    versions![versions!.count - 1].append(line)
                    continue
                }
                if owesLineBreak { text += "\n" }
                text += line
                owesLineBreak = true
            }
        }
        return versions == nil ? text : nil
    }

    /// The four marker lines.
    private enum Marker {
        case start, base, separator, end

        init?(_ line: Substring) {
            if line.hasPrefix(markers.start) {
                self = .start
            } else if line.hasPrefix(markers.base) {
                self = .base
            } else if line == markers.separator {
                self = .separator
            } else if line.hasPrefix(markers.end) {
                self = .end
            } else {
                return nil
            }
        }
    }

    private static let markers = (start: "<<<<<<<", base: "|||||||", separator: "=======", end: ">>>>>>>")
}

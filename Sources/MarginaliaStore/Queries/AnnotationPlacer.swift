import GRDB
import MarginaliaCore

/// Places annotations in the current bodies of their articles, computed on read.
///
/// Re-anchoring is a pure function of the anchor, the body revision it was made
/// against (that value read from the log) and the current body (`Reanchorer`), so
/// every replica gets the same placements and no placement is stored or synced.
/// An anchor made against the article's current body revision is `exact` by
/// definition and costs nothing; the others are grouped by article and anchored
/// revision, so one `Reanchorer` (one diff) serves each group. Listing the doubtful
/// annotations of a large replica thus only reads and re-anchors those whose article
/// changed (`MayHaveMoved`).
struct AnnotationPlacer {
    let db: Database

    /// An SQL condition on `annotations` rows: the anchor was not made against the
    /// current body of its article, so it may have moved. Only these can be anything
    /// but `exact`: asking for the doubtful ones reads and places no other row, and
    /// finds them through an index (`MayHaveMoved`).
    static let mayHaveMoved = "annotations.may_have_moved"

    /// The placement of each of `annotations`, in the same order.
    func place(_ annotations: [AnnotationSnapshot]) throws -> [PlacedAnnotation] {
        var placements = [AnchorPlacement](repeating: .orphaned, count: annotations.count)
        var currentRevisions: [EntityID: Dot?] = [:]
        var groups: [Group: [Int]] = [:]
        for (index, annotation) in annotations.enumerated() {
            guard let anchor = annotation.anchor, let article = annotation.article else { continue }
            let current: Dot?
            if let known = currentRevisions[article] {
                current = known
            } else {
                current = try bodyRevision(of: article)
                currentRevisions[article] = .some(current)
            }
            if let revision = anchor.revision, revision == current {
                placements[index] = AnchorPlacement(range: anchor.start..<anchor.end, status: .exact)
            } else {
                groups[Group(article: article, revision: anchor.revision), default: []].append(index)
            }
        }
        for (group, indices) in groups {
            guard let currentBody = try body(of: group.article) else { continue }
            let reanchorer = Reanchorer(
                anchoredBody: try group.revision.flatMap(anchoredBody), currentBody: currentBody)
            for index in indices {
                if let anchor = annotations[index].anchor { placements[index] = reanchorer.place(anchor) }
            }
        }
        return zip(annotations, placements).map(PlacedAnnotation.init)
    }

    /// Annotations that share one `Reanchorer`.
    private struct Group: Hashable {
        var article: EntityID
        var revision: Dot?
    }

    private func bodyRevision(of article: EntityID) throws -> Dot? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT body_replica, body_counter FROM articles WHERE id = ?"),
            arguments: [article.rawValue])
        else { return nil }
        return try SnapshotRows.dot(row["body_replica"], row["body_counter"])
    }

    private func body(of article: EntityID) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT body FROM articles WHERE id = ?"), arguments: [article.rawValue])
    }

    /// The body value written by the change `revision`, from the log; nil when the log
    /// lacks it (the anchor is then placed by searching for its quote).
    private func anchoredBody(_ revision: Dot) throws -> String? {
        try ChangeLog(db: db).payload(of: revision).flatMap { try ChangeLog.decode($0).fields[.body]?.text }
    }
}

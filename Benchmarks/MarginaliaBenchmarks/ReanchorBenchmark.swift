import Foundation
import MarginaliaCore
import MarginaliaCorpus
import MarginaliaStore

/// `reanchor`: the 500 annotations of one corpus article placed again after a sentence
/// is inserted in the middle of its body (`Reanchorer`, in process, median of 20).
/// Target: under 50 ms. The baseline is the same call on the unchanged body, where
/// every anchor is `exact` at once: what placing costs when nothing moved.
///
/// Then through the store: the same article and annotations in a replica, the same
/// edit made there, and `Replica.articleDetail` timed (median of 20): it reads the
/// anchored body from the log and places every annotation, as `show` does.
enum ReanchorBenchmark {
    static let annotationCount = 500
    static let targetSeconds = 0.050

    static func run(_ session: Session) throws {
        let article = Corpus.article(seed: session.options.seed, index: 0)
        let revision = Dot(replica: ReplicaID("bbbbbbbbbbbbbbbb")!, counter: 1)
        let builder = AnchorBuilder(body: article.body, revision: revision)
        let generated = Corpus.annotations(on: article, count: annotationCount, seed: session.options.seed)
        let anchors = try generated.map { try builder.anchor(quote: $0.quote, occurrence: $0.occurrence) }
        let scalars = Array(article.body.unicodeScalars)
        var middle = scalars.count / 2
        while middle < scalars.count, scalars[middle] != " " { middle += 1 }
        var edited = String.UnicodeScalarView(scalars[..<middle])
        edited.append(contentsOf: " Một câu mới được chèn vào giữa bài, giữa hai đoạn.".unicodeScalars)
        edited.append(contentsOf: scalars[middle...])
        let editedBody = String(edited)

        var placements: [AnchorPlacement] = []
        let afterEdit = Measure.samples(runs: 20) {
            let reanchorer = Reanchorer(anchoredBody: article.body, currentBody: editedBody)
            placements = anchors.map(reanchorer.place)
        }
        let unchanged = Measure.samples(runs: 20) {
            let reanchorer = Reanchorer(anchoredBody: article.body, currentBody: article.body)
            _ = anchors.map(reanchorer.place)
        }
        let statuses = Dictionary(grouping: placements, by: \.status).mapValues(\.count)
            .sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
        say("reanchor: \(annotationCount) anchors on \(Format.count(scalars.count)) scalars after an insertion at "
            + "\(middle): \(afterEdit.millisecondsSummary); \(statuses.joined(separator: ", "))")
        say("reanchor: unchanged body \(unchanged.millisecondsSummary)")
        session.record(ResultRow(
            name: "reanchor 500 annotations after an edit", ours: Format.ms(afterEdit.median),
            baseline: "unchanged \(Format.ms(unchanged.median))", ratio: "", target: "< \(Format.ms(targetSeconds))",
            met: afterEdit.median < targetSeconds))

        let stored = try AnnotatedArticle(at: session.path("reanchor.db"), article: article, annotations: generated)
        let unchangedRead = try Measure.samples(runs: 20) { _ = try stored.replica.articleDetail(stored.id) }
        try stored.replica.edit { try $0.editArticle(stored.id, body: editedBody) }
        var detail: ArticleDetail?
        let throughStore = try Measure.samples(runs: 20) { detail = try stored.replica.articleDetail(stored.id) }
        let storedStatuses = Dictionary(grouping: detail?.annotations ?? [], by: \.placement.status).mapValues(\.count)
        guard storedStatuses == Dictionary(grouping: placements, by: \.status).mapValues(\.count) else {
            throw BenchError("the store placed the annotations otherwise than Reanchorer: \(storedStatuses)")
        }
        say("reanchor: through the store (articleDetail after the edit) \(throughStore.millisecondsSummary); "
            + "before the edit \(unchangedRead.millisecondsSummary)")
        session.record(ResultRow(
            name: "articleDetail of 500 annotations after an edit", ours: Format.ms(throughStore.median),
            baseline: "unedited \(Format.ms(unchangedRead.median))", ratio: "", target: "< \(Format.ms(targetSeconds))",
            met: throughStore.median < targetSeconds))
    }
}

import Foundation
import MarginaliaCore
import MarginaliaCorpus

/// `reanchor`: the 500 annotations of one corpus article placed again after a sentence
/// is inserted in the middle of its body (`Reanchorer`, in process, median of 20).
/// Target: under 50 ms. The baseline is the same call on the unchanged body, where
/// every anchor is `exact` at once: what placing costs when nothing moved.
enum ReanchorBenchmark {
    static let annotationCount = 500
    static let targetSeconds = 0.050

    static func run(_ session: Session) throws {
        let article = Corpus.article(seed: session.options.seed, index: 0)
        let revision = Dot(replica: ReplicaID("bbbbbbbbbbbbbbbb")!, counter: 1)
        let builder = AnchorBuilder(body: article.body, revision: revision)
        let anchors = try Corpus.annotations(on: article, count: annotationCount, seed: session.options.seed).map {
            try builder.anchor(quote: $0.quote, occurrence: $0.occurrence)
        }
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
    }
}

import Foundation
import MarginaliaCore
import MarginaliaCorpus
import MarginaliaStore

/// A fresh replica holding one corpus article with its generated annotations, made in
/// one `Replica.edit`: what `show` and `reanchor` time reading back.
struct AnnotatedArticle {
    let replica: Replica
    let id: EntityID
    /// How long creating the article and its annotations took.
    let seconds: Double

    init(at path: String, article: GeneratedArticle, annotations: [GeneratedAnnotation]) throws {
        FileSizes.remove(database: path)
        let replica = try Replica.open(at: path, creation: .required(name: "bench"))
        (id, seconds) = try Measure.time {
            try replica.edit { editor in
                let id = try editor.addArticle(title: article.title, body: article.body)
                for annotation in annotations {
                    _ = try editor.annotate(
                        id, at: .quote(annotation.quote, occurrence: annotation.occurrence), note: annotation.note,
                        tags: try Tags.parse(annotation.tags))
                }
                return id
            }
        }
        self.replica = replica
    }
}

import MarginaliaCore
import MarginaliaStore

extension AnnotatedArticle {
    /// What every export renders: the article and its annotations as the store places
    /// them in the current body.
    init(_ detail: ArticleDetail) {
        self.init(article: detail.article, annotations: detail.annotations)
    }
}

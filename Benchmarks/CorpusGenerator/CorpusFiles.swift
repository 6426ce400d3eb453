import Foundation

extension Corpus {
    /// The file name of article `index` among `count`: zero-padded so that name order
    /// (the order `marginalia import DIR` reads a directory in) is article order.
    public static func fileName(forArticle index: Int, of count: Int) -> String {
        let width = max(5, String(max(count - 1, 0)).count)
        let digits = String(index)
        return "article-" + String(repeating: "0", count: max(0, width - digits.count)) + digits + ".txt"
    }

    /// The plain-text form `marginalia import` reads: the title line, a blank line, the body.
    public static func textFile(of article: GeneratedArticle) -> String {
        article.title + "\n\n" + article.body + "\n"
    }

    /// Writes every article as a `.txt` file into `directory` (created when missing)
    /// and returns the files in article order. Returns the total bytes written too.
    @discardableResult
    public func writeTextFiles(to directory: URL) throws -> (files: [URL], bytes: Int) {
        try Self.writeTextFiles(of: articles, count: articles.count, to: directory)
    }

    /// Writes `articles`, some of a corpus of `count` articles (named as in that
    /// corpus), as `writeTextFiles(to:)` does; for a corpus written slice by slice.
    @discardableResult
    public static func writeTextFiles(of articles: [GeneratedArticle], count: Int, to directory: URL) throws
        -> (files: [URL], bytes: Int)
    {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var files: [URL] = []
        var bytes = 0
        files.reserveCapacity(articles.count)
        for article in articles {
            let file = directory.appendingPathComponent(fileName(forArticle: article.index, of: count))
            let data = Data(textFile(of: article).utf8)
            try data.write(to: file)
            files.append(file)
            bytes += data.count
        }
        return (files, bytes)
    }
}

import Foundation
import MarginaliaCore

/// The article's title: JSON-LD's `headline`, else `og:title`, else `<title>`, else the
/// first `<h1>`. The site's name that `og:title` and `<title>` often end with
/// (` - VnExpress`, ` | Báo Thanh Niên`) is removed.
enum PageTitle {
    static func choose(linkedData: LinkedDataArticle?, metadata: PageMetadata, body: HTMLElement, host: String?) -> String? {
        if let headline = linkedData?.headline.map(WhiteSpace.collapse), !headline.isEmpty { return headline }
        let siteNames = [metadata["og:site_name"], metadata["application-name"]].compactMap { $0 }
        for title in [metadata["og:title"], metadata.title] {
            if let title, !title.isEmpty { return removingSiteName(from: title, siteNames: siteNames, host: host) }
        }
        let heading = body.first("h1").map { WhiteSpace.collapse($0.textContent) }
        return heading?.isEmpty == false ? heading : nil
    }

    /// `title` without the part after its last separator (` | `, ` - `, ` – `, ` — `,
    /// ` · `) when that part names the site: it is `og:site_name` (or `application-name`),
    /// or it holds the name in the page's address (`vnexpress` of vnexpress.net, `thanhnien`
    /// in "Báo Thanh Niên"), diacritics and case aside; or, when neither is known, it
    /// looks like a name (at most five words, each capitalised) and is shorter than the
    /// rest.
    static func removingSiteName(from title: String, siteNames: [String], host: String?) -> String {
        let separators = [" | ", " - ", " – ", " — ", " · "]
        guard let separator = separators.compactMap({ title.range(of: $0, options: .backwards) })
            .max(by: { $0.lowerBound < $1.lowerBound })
        else { return title }
        let head = String(title[..<separator.lowerBound]).trimmingCharacters(in: .whitespaces)
        let tail = String(title[separator.upperBound...]).trimmingCharacters(in: .whitespaces)
        guard !head.isEmpty, !tail.isEmpty else { return title }
        let foldedTail = folded(tail)
        if siteNames.contains(where: { folded($0) == foldedTail }) { return head }
        if let label = host.flatMap(siteLabel), foldedTail.contains(label) { return head }
        let tailWords = tail.split(separator: " ")
        let looksLikeAName = tailWords.count <= 5 && tailWords.allSatisfy { $0.first?.isUppercase ?? false }
        return looksLikeAName && head.split(separator: " ").count > tailWords.count ? head : title
    }

    /// Lowercase letters and digits only, diacritics and `đ` folded: "Báo Thanh Niên" → "baothanhnien".
    private static func folded(_ text: String) -> String {
        String(String.UnicodeScalarView(FoldedText(text.unicodeScalars).scalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }

    /// The name a host is known by: its first label after `www.`, `m.` or `amp.`
    /// (`vnexpress` of www.vnexpress.net), when it has three characters or more.
    private static func siteLabel(_ host: String) -> String? {
        let labels = host.lowercased().split(separator: ".")
        let label = labels.first { !["www", "m", "amp"].contains($0) }.map(String.init)
        return label.flatMap { $0.count >= 3 ? folded($0) : nil }
    }
}

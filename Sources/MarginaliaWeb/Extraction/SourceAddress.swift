import Foundation

/// The article's address: `<link rel=canonical>`, else `og:url`, else JSON-LD's `url`,
/// else the address the page was fetched from (none for a file). Relative addresses are
/// resolved against `<base href>`, else the fetched address, else the first absolute
/// one the page gives; only http and https addresses count.
enum SourceAddress {
    static func choose(metadata: PageMetadata, linkedData: LinkedDataArticle?, fetched: String?) -> URL? {
        let candidates = [metadata.canonical, metadata["og:url"], linkedData?.url, fetched].compactMap { $0 }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let firstAbsolute = candidates.lazy.compactMap { web(URL(string: $0)) }.first
        let base = metadata.base.flatMap { web(URL(string: $0, relativeTo: fetched.flatMap { URL(string: $0) })) }
            ?? fetched.flatMap { web(URL(string: $0)) } ?? firstAbsolute
        return candidates.lazy.compactMap { web(URL(string: $0, relativeTo: base)) }.first
    }

    /// `url` made absolute, when it is an http or https address with a host.
    private static func web(_ url: URL?) -> URL? {
        guard let absolute = url?.absoluteURL, let scheme = absolute.scheme?.lowercased(),
              scheme == "http" || scheme == "https", absolute.host?.isEmpty == false
        else { return nil }
        return absolute
    }
}

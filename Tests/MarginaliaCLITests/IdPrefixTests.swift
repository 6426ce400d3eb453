import Foundation
import Testing

@Suite("id prefixes")
struct IdPrefixTests {
    @Test func anyUniquePrefixOfFourOrMoreCharactersWorks() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Prefixed", "--body", "some text")
        let annotation = try sandbox.id("annotate", String(article.prefix(4)), "--quote", "text")

        for length in 4...16 {
            let prefix = String(article.prefix(length))
            #expect(try sandbox.json(ArticleDoc.self, "show", prefix, "--json").id == article, "prefix \(prefix)")
        }
        #expect(try sandbox.json(AnnotationDoc.self, "show", String(annotation.prefix(5)), "--json").id == annotation)
        // Ids are lowercase, but a prefix typed in capitals is understood.
        #expect(try sandbox.json(ArticleDoc.self, "show", article.prefix(6).uppercased(), "--json").id == article)
    }

    /// An id with a typo, or a word of a title where an id belongs, gets what was
    /// probably meant.
    @Test func anUnknownIdSuggestsTheNearestIdsOrTitles() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Hà Nội ngập sâu", "--body", "Mưa lớn kéo dài.")
        try sandbox.id("add", "Ðà Nẵng nắng nóng", "--body", "Trời nắng.")  // with U+00D0, as some sites write Đ
        let id = Array(article)
        let swapped = String([id[1], id[0]] + id[2..<6])
        if swapped != String(id[0..<6]) {
            try sandbox.expectRejected(
                "show", swapped, status: Exit.failure,
                mentioning: "no article or annotation has an id starting with '\(swapped)'; did you mean \(article.prefix(8)) “Hà Nội ngập sâu”?")
        }
        try sandbox.expectRejected(
            "annotate", "hanoi", "--quote", "Mưa", status: Exit.dataError,
            mentioning: "'hanoi' is not an id: ids are lowercase letters and digits (no i, l, o or u); did you mean \(article.prefix(8)) “Hà Nội ngập sâu”?")
        try sandbox.expectRejected("show", "da-nang", status: Exit.dataError, mentioning: "“Ðà Nẵng nắng nóng”?")
        try sandbox.expectRejected("show", "zzzz", status: Exit.failure, mentioning: "no article or annotation has an id starting with 'zzzz'")
        #expect(try sandbox.run("show", "zzzz").stderr.contains("did you mean") == false)
    }

    @Test func aThreeCharacterPrefixIsTooShort() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Short", "--body", "text")
        try sandbox.expectRejected(
            "show", String(article.prefix(3)), status: Exit.dataError, mentioning: "is too short: give at least 4")
        try sandbox.expectRejected(
            "tag", String(article.prefix(3)), "+x", status: Exit.dataError, mentioning: "is too short")
    }

    @Test func anUnknownPrefixFails() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Known", "--body", "text")
        // A prefix of the right form that no id starts with: change its fourth character.
        let last: Character = article.dropFirst(3).first == "z" ? "y" : "z"
        let unknown = String(article.prefix(3)) + String(last)
        try sandbox.expectRejected(
            "show", unknown, status: Exit.failure, mentioning: "no article or annotation has an id starting with '\(unknown)'")
        try sandbox.expectRejected("rm", unknown, status: Exit.failure, mentioning: "no article or annotation")
    }

    @Test(arguments: ["abIc", "abLc", "abOc", "abUc", "ab-c", "ab.cd", "abc d", "ab_cd", "0123456789abcdefg"])
    func aMalformedPrefixFails(prefix: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.id("add", "Any", "--body", "text")
        try sandbox.expectRejected("show", prefix, status: Exit.dataError, mentioning: "is not an id")
    }

    /// Two of 5000 random ids share their first four characters with near certainty
    /// (about 12 such pairs are expected); more articles are imported if not.
    @Test func anAmbiguousPrefixFailsAndNamesTheCandidates() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        var ids: [String] = []
        var shared: (prefix: String, ids: [String])?
        for batch in 0..<4 where shared == nil {
            let folder = "batch\(batch)"
            for index in 0..<5000 { try sandbox.write("\(folder)/a\(index).txt", "Title \(batch)-\(index)\n") }
            ids += try sandbox.ok("import", folder).lines
            let groups = Dictionary(grouping: ids) { String($0.prefix(4)) }
            shared = groups.first { $0.value.count > 1 }.map { ($0.key, $0.value.sorted()) }
        }
        let (prefix, candidates) = try #require(shared, "no two of \(ids.count) ids share 4 characters")

        let result = try sandbox.expectRejected(
            "show", prefix, status: Exit.failure, mentioning: "id '\(prefix)' is ambiguous")
        for candidate in candidates { #expect(result.stderr.contains("article \(candidate)"), "\(result)") }

        // Long enough, each one is found again.
        for candidate in candidates {
            let unique = (5...16).map { String(candidate.prefix($0)) }.first { prefix in
                ids.filter { $0.hasPrefix(prefix) }.count == 1
            }
            let id = try #require(unique)
            #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").id == candidate)
        }
    }
}

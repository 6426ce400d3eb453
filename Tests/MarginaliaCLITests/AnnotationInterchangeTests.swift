import Foundation
import Testing

/// `export-annotations` and `import-annotations`: W3C collections both ways, Hypothesis
/// exports in, every bad file refused without touching the replica.
@Suite("Annotation interchange")
struct AnnotationInterchangeTests {
    static let body = "Sáng nay 🌧️, mực nước sông Hồng dâng cao. Người dân <ven sông> & chính quyền lo lắng; mực nước còn lên."
    static let source = "https://example.vn/lu"

    /// An article on the sandbox's replica, annotated three times (two spans overlap).
    private static func annotatedArticle(_ sandbox: Sandbox) throws -> String {
        let article = try sandbox.id("add", "Lũ sông Hồng", "--body", body, "--source", source)
        try sandbox.id("annotate", article, "--quote", "mực nước sông Hồng", "--note", "đo ở cầu Long Biên", "--tag", "flood",
                       "--tag", "hà-nội")
        try sandbox.id("annotate", article, "--quote", "sông Hồng dâng cao", "--note", "Lũ lụt".decomposedStringWithCanonicalMapping)
        try sandbox.id("annotate", article, "--quote", "mực nước", "--occurrence", "2")
        return article
    }

    @Test func exportThenImportIntoAnotherReplicaIsLossless() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let other = sandbox.root.appendingPathComponent("other.db").path
        try sandbox.ok("--db", other, "init")
        let article = try sandbox.id("add", "Lũ sông Hồng", "--body", Self.body, "--source", Self.source)
        try sandbox.ok("sync", other)  // the other replica holds the article, no annotation yet
        try sandbox.id("annotate", article, "--quote", "mực nước sông Hồng", "--note", "đo ở cầu", "--tag", "flood")
        try sandbox.id("annotate", article, "--quote", "sông Hồng dâng cao", "--note", "Lũ".decomposedStringWithCanonicalMapping)
        try sandbox.id("annotate", article, "--quote", "mực nước", "--occurrence", "2", "--tag", "hà-nội")
        let exported = try sandbox.ok("export-annotations", article).stdout
        let file = try sandbox.write("annotations.jsonld", exported)

        #expect(try sandbox.ok("--db", other, "import-annotations", file).lines == ["W3C file: 3 created, 0 updated, 0 unchanged"])
        #expect(try sandbox.ok("--db", other, "export-annotations", article).stdout == exported)
        let here = try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json")
        let there = try sandbox.ok("--db", other, "annotations", "--json").jsonLines(AnnotationDoc.self)
        #expect(there.map(\.id) == here.map(\.id))
        #expect(there.map { scalars($0.quote) } == here.map { scalars($0.quote) })
        #expect(there.map { scalars($0.note) } == here.map { scalars($0.note) })
        #expect(there.map(\.tags) == here.map(\.tags))
        #expect(there.map { [$0.start, $0.end] } == here.map { [$0.start, $0.end] })

        // Twice is once.
        let before = try sandbox.ok("--db", other, "log", "--json", "--limit", "1000").stdout
        #expect(try sandbox.ok("--db", other, "import-annotations", file).lines == ["W3C file: 0 created, 0 updated, 3 unchanged"])
        #expect(try sandbox.ok("--db", other, "log", "--json", "--limit", "1000").stdout == before)
    }

    @Test func theExportIsAW3CCollection() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try Self.annotatedArticle(sandbox)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(sandbox.ok("export-annotations", article).stdout.utf8)) as? [String: Any])
        #expect(json["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
        #expect(json["type"] as? String == "AnnotationCollection")
        #expect(json["total"] as? Int == 3)
        let items = try #require((json["first"] as? [String: Any])?["items"] as? [[String: Any]])
        let first = items[0]
        let id = try #require(first["id"] as? String)
        #expect(id.hasPrefix("urn:marginalia:annotation:") && first["canonical"] as? String == id)
        let target = try #require(first["target"] as? [String: Any])
        #expect(target["source"] as? String == "urn:marginalia:article:\(article)")
        #expect(target["scope"] as? String == Self.source)
        let selectors = try #require(target["selector"] as? [[String: Any]])
        #expect(selectors[0]["type"] as? String == "TextQuoteSelector")
        #expect(scalars(selectors[0]["exact"] as? String ?? "") == scalars("mực nước sông Hồng"))
        // Code points: the rain emoji is two scalars (with its variation selector), three UTF-16 units.
        let start = Array(Self.body.unicodeScalars).firstRange(of: Array("mực nước sông Hồng".unicodeScalars))!.lowerBound
        #expect(selectors[1]["type"] as? String == "TextPositionSelector" && selectors[1]["start"] as? Int == start)
        let bodies = try #require(first["body"] as? [[String: Any]])
        #expect(bodies.map { $0["purpose"] as? String } == ["commenting", "tagging", "tagging"])
        #expect(bodies.map { $0["value"] as? String } == ["đo ở cầu Long Biên", "flood", "hà-nội"])
        // A highlight without note or tags has no body.
        #expect(items.filter { $0["body"] == nil }.count == 1)
    }

    @Test func importingAnOlderExportEditsWhatDiffers() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try Self.annotatedArticle(sandbox)
        let file = try sandbox.write("old.jsonld", try sandbox.ok("export-annotations", article).stdout)
        let annotation = try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json")[0]
        try sandbox.ok("note", annotation.id, "changed")
        try sandbox.ok("tag", annotation.id, "-flood", "+later")

        #expect(try sandbox.ok("import-annotations", file).lines == ["W3C file: 0 created, 1 updated, 2 unchanged"])
        let restored = try sandbox.json(AnnotationDoc.self, "show", annotation.id, "--json")
        #expect(scalars(restored.note) == scalars("đo ở cầu Long Biên"))
        #expect(restored.tags == ["flood", "hà-nội"])
        try sandbox.expectVerified()
    }

    @Test func aHypothesisExportIsPlacedByItsQuotesNotItsUTF16Positions() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let examples = MarginaliaProcess.packageRoot.appendingPathComponent("examples/interchange")
        let fixture = examples.appendingPathComponent("hypothesis-export.json").path
        let article = try sandbox.id(
            "add", "Lũ sông Hồng lên nhanh 🌊", "--file", examples.appendingPathComponent("lu-song-hong.txt").path,
            "--source", "https://example.vn/thoi-su/lu-song-hong")

        let summary = "Hypothesis file: 3 created, 0 updated, 0 unchanged, 2 skipped (page notes and replies quote no text)"
        #expect(try sandbox.ok("import-annotations", fixture).lines == [summary])
        let body = Array(try sandbox.json(ArticleDoc.self, "show", article, "--json").body.unicodeScalars)
        let annotations = try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json")
        func place(_ quote: String, occurrence: Int) -> [Int] {
            let range = body.ranges(of: Array(quote.unicodeScalars))[occurrence - 1]
            return [range.lowerBound, range.upperBound]
        }
        #expect(annotations.map { [$0.start ?? -1, $0.end ?? -1] } == [
            place("mực nước sông Hồng tại Hà Nội", occurrence: 1), place("cầu Long Biên", occurrence: 1),
            place("mực nước", occurrence: 3),
        ])
        // The file's positions count UTF-16: the emoji before each quote put them further on.
        let hypothesis = try JSONDecoder().decode(HypothesisFixture.self, from: Data(contentsOf: URL(fileURLWithPath: fixture)))
        #expect(hypothesis.rows[0].target[0].selector?.compactMap(\.start) != [annotations[0].start])
        // The quote in NFD is stored NFC, the note too; tags with spaces become one word.
        #expect(scalars(annotations[1].quote) == scalars("cầu Long Biên"))
        #expect(scalars(annotations[1].note) == scalars("Cầu đã đóng cửa lúc 6 giờ sáng"))
        #expect(annotations[0].tags == ["hanoi", "lũ-lụt"])

        let again = summary.replacingOccurrences(of: "3 created, 0 updated, 0 unchanged", with: "0 created, 0 updated, 3 unchanged")
        #expect(try sandbox.ok("import-annotations", fixture).lines == [again])
        try sandbox.expectVerified()
    }

    private struct HypothesisFixture: Decodable {
        struct Row: Decodable { var target: [Target] }
        struct Target: Decodable { var selector: [Selector]? }
        struct Selector: Decodable { var start: Int? }
        var rows: [Row]
    }

    /// A collection with one annotation on the article, `target` and `selector` spliced in.
    private static func collection(source: String, exact: String, tags: [String] = []) -> String {
        let tagBodies = tags.map { #"{"type": "TextualBody", "purpose": "tagging", "value": "\#($0)"}"# }
        return """
            {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
             "first": {"type": "AnnotationPage", "items": [
               {"id": "urn:marginalia:annotation:0000000000000001", "type": "Annotation",
                "body": [\(tagBodies.joined(separator: ", "))],
                "target": {"source": "\(source)", "selector": {"type": "TextQuoteSelector", "exact": "\(exact)"}}}]}}
            """
    }

    @Test func aQuoteWithSmallErrorsIsImportedAtTheArticlesWords() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        _ = try Self.annotatedArticle(sandbox)
        // A tone mark lost on the way, as copy and paste between tools does.
        let file = try sandbox.write("typo.jsonld", Self.collection(source: Self.source, exact: "mực nươc sông Hồng dâng"))
        #expect(try sandbox.ok("import-annotations", file).lines == ["W3C file: 1 created, 0 updated, 0 unchanged"])
        let imported = try sandbox.json(AnnotationDoc.self, "show", "0000000000000001", "--json")
        #expect(scalars(imported.quote) == scalars("mực nước sông Hồng dâng"))
        try sandbox.expectVerified()
    }

    struct BadFile: Sendable, CustomStringConvertible {
        var name: String
        var bytes: [UInt8]?
        var status: Int32
        var message: String
        var description: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "malformed.json", bytes: Array("{\"type\": \"AnnotationCollection\",\n  \"first\": [1,, 2]}".utf8),
                status: 65, message: "malformed.json is not valid JSON: invalid value at line 2, column 15"),
        BadFile(name: "other.json", bytes: Array(#"{"type": "Person", "name": "Lan"}"#.utf8), status: 65,
                message: "other.json is neither a W3C AnnotationCollection nor a Hypothesis export: it holds an object of type Person"),
        BadFile(name: "wrong-member.json", bytes: Array(
                    #"{"type": "AnnotationCollection", "first": {"items": [{"type": "Annotation", "target": 5}]}}"#.utf8),
                status: 65, message: "wrong-member.json: at first.items[0].target: "),
        BadFile(name: "unknown.json", bytes: Array(collection(source: "https://example.org/elsewhere", exact: "mực nước").utf8),
                status: 65, message: "annotation urn:marginalia:annotation:0000000000000001: no article in this replica is https://example.org/elsewhere"),
        BadFile(name: "orphan.json", bytes: Array(collection(source: source, exact: "lũ quét ở Lào Cai").utf8), status: 65,
                message: #"annotation urn:marginalia:annotation:0000000000000001: its quote "lũ quét ở Lào Cai" is nowhere in the article"#),
        BadFile(name: "bad-tag.json", bytes: Array(collection(source: source, exact: "mực nước sông", tags: ["a,b"]).utf8),
                status: 65, message: "annotation urn:marginalia:annotation:0000000000000001: 'a,b' is not a tag"),
        BadFile(name: "latin1.json", bytes: [0x5B, 0x22, 0xE9, 0x22, 0x5D], status: 65,
                message: "latin1.json is not valid UTF-8 (bad byte at offset 2)"),
        BadFile(name: "missing.json", bytes: nil, status: 66, message: "cannot read missing.json: no such file"),
    ]

    @Test(arguments: badFiles)
    func aBadFileIsOneLineOnStandardErrorAndChangesNothing(_ bad: BadFile) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        _ = try Self.annotatedArticle(sandbox)
        if let bytes = bad.bytes { try sandbox.write(bad.name, bytes: bytes) }
        let before = try sandbox.fingerprint()

        let result = try sandbox.run("import-annotations", bad.name)
        #expect(result.status == bad.status, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("marginalia: " + bad.message), "\(result)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result)")
        #expect(try sandbox.fingerprint() == before)
    }

    @Test func oneOrphanAmongGoodAnnotationsImportsNone() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try Self.annotatedArticle(sandbox)
        var exported = try sandbox.ok("export-annotations", article).stdout
        try sandbox.ok("rm", try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json")[0].id)
        exported = exported.replacingOccurrences(of: "\"exact\" : \"mực nước\"", with: "\"exact\" : \"nước lũ rút\"")
        let file = try sandbox.write("mixed.jsonld", exported)
        let before = try sandbox.fingerprint()

        let result = try sandbox.run("import-annotations", file)
        #expect(result.status == 65)
        #expect(result.stderr.contains(#"its quote "nước lũ rút" is nowhere in the article"#), "\(result)")
        #expect(try sandbox.fingerprint() == before)

        // Unless asked to import the others: the orphan is still reported, and the exit says so.
        let skipping = try sandbox.run("import-annotations", "--skip-orphaned", file)
        #expect(skipping.status == 65)
        #expect(skipping.lines == ["W3C file: 1 created, 0 updated, 1 unchanged, 1 not imported (quote nowhere in the article)"])
        #expect(skipping.stderr.contains(#"its quote "nước lũ rút" is nowhere in the article"#), "\(skipping)")
        #expect(try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json").count == 3)  // the deleted one is back
    }

    /// The article of `annotatedArticle` after an edit that removes the words "Người dân
    /// <ven sông> & chính quyền": an annotation on "Người dân" is then an orphan.
    private static func articleWithAnOrphan(_ sandbox: Sandbox) throws -> (article: String, orphan: String) {
        let article = try annotatedArticle(sandbox)
        let orphan = try sandbox.id("annotate", article, "--quote", "Người dân", "--note", "ai?", "--tag", "dân")
        let edit = try sandbox.run("replace", article, "Người dân <ven sông> & chính quyền", "Chính quyền")
        #expect(edit.status == 0 && edit.stderr.contains("this edit removes 1 highlight"), "\(edit)")
        return (article, orphan)
    }

    /// The issue's round trip: A's orphan synced to B, A's export imported on B.
    @Test func anOrphanAlreadyHereIsLeftAloneByAnImport() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let other = sandbox.root.appendingPathComponent("other.db").path
        try sandbox.ok("--db", other, "init")
        let (article, orphan) = try Self.articleWithAnOrphan(sandbox)
        #expect(try sandbox.json(AnnotationDoc.self, "show", orphan, "--json").status == "orphaned")
        try sandbox.ok("sync", other)
        let exported = try sandbox.ok("export-annotations", article).stdout
        let file = try sandbox.write("annotations.jsonld", exported)
        let before = try sandbox.ok("--db", other, "log", "--json", "--limit", "1000").stdout

        #expect(try sandbox.ok("--db", other, "import-annotations", file).lines == ["W3C file: 0 created, 0 updated, 4 unchanged"])
        #expect(try sandbox.ok("--db", other, "log", "--json", "--limit", "1000").stdout == before)
        #expect(try sandbox.ok("--db", other, "export-annotations", article).stdout == exported)
    }

    /// Elsewhere, an orphan Marginalia exported imports as the orphan it is, and the
    /// next export writes the file again byte for byte.
    @Test func anOrphanImportsAsAnOrphanAndTheRoundTripIsByteIdentical() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let other = sandbox.root.appendingPathComponent("other.db").path
        try sandbox.ok("--db", other, "init")
        let (article, orphan) = try Self.articleWithAnOrphan(sandbox)
        // The other replica holds the article as edited, and none of its annotations.
        let annotations = try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json").map(\.id)
        let exported = try sandbox.ok("export-annotations", article).stdout
        #expect(annotations.count == 4 && annotations.contains(orphan))
        for annotation in annotations { try sandbox.ok("rm", annotation) }
        try sandbox.ok("sync", other)
        let file = try sandbox.write("annotations.jsonld", exported)

        let imported = try sandbox.run("--db", other, "import-annotations", file)
        #expect(imported.status == 0 && imported.lines == ["W3C file: 4 created, 0 updated, 0 unchanged"])
        #expect(imported.stderr == "annotation urn:marginalia:annotation:\(orphan): imported as an orphan, as exported (\(orphan))\n")
        let there = try sandbox.ok("--db", other, "show", orphan, "--json").jsonDocument(AnnotationDoc.self)
        #expect(there.status == "orphaned" && scalars(there.quote) == scalars("Người dân") && there.tags == ["dân"])
        #expect(try sandbox.ok("--db", other, "export-annotations", article).stdout == exported)
        #expect(try sandbox.ok("--db", other, "import-annotations", file).lines == ["W3C file: 0 created, 0 updated, 4 unchanged"])

        // A quote that is nowhere, from a file that places it, is still refused.
        let placed = exported.replacingOccurrences(of: "\"exact\" : \"mực nước\"", with: "\"exact\" : \"nước lũ rút\"")
        let refused = try sandbox.run("--db", other, "import-annotations", try sandbox.write("placed.jsonld", placed))
        #expect(refused.status == 65 && refused.stderr.contains("is nowhere in the article"), "\(refused)")
    }

    /// The Working Group's MUST assertions on collections and pages (model 5.1, 5.2), and
    /// the page's `partOf` and the collection's `last` it recommends, checked by a JSON
    /// Schema validator against Tests/WebAnnotation/collection.schema.json, which restates them.
    @Test func theExportMeetsTheWorkingGroupsCollectionAndPageAssertions() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (article, _) = try Self.articleWithAnOrphan(sandbox)
        let one = try sandbox.write("one.jsonld", try sandbox.ok("export-annotations", article).stdout)
        let all = try sandbox.write("all.jsonld", try sandbox.ok("export-annotations").stdout)
        let validator = MarginaliaProcess.packageRoot.appendingPathComponent("Tests/WebAnnotation/validate.py").path

        let result = try SystemTool.python.run([validator, one, all])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let collection = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: one))) as? [String: Any])
        let id = try #require(collection["id"] as? String)
        let page = try #require(collection["first"] as? [String: Any])
        #expect(id.hasPrefix("urn:marginalia:collection:"))
        #expect(page["partOf"] as? String == id && collection["last"] as? String == page["id"] as? String)
        // The schema does refuse what the export wrote before: a collection and page without ids.
        var bare = collection
        bare["id"] = nil
        let bareFile = try sandbox.write("bare.jsonld", String(decoding: try JSONSerialization.data(withJSONObject: bare), as: UTF8.self))
        #expect(try SystemTool.python.run([validator, bareFile]).status == 1)
    }
}

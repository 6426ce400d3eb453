import Foundation
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// Annotations placed in the current body of their article, read from real replica files.
@Suite struct PlacementTests {
    let directory: TemporaryDirectory
    let replica: Replica

    init() throws {
        directory = try TemporaryDirectory()
        replica = try Replica.fixture("laptop", in: directory)
    }

    private func placement(_ id: EntityID) throws -> AnchorPlacement {
        try #require(try replica.annotations().first { $0.id == id }).placement
    }

    private func annotate(_ article: EntityID, _ quote: String) throws -> EntityID {
        try replica.edit { try $0.annotate(article, at: .quote(quote, occurrence: nil)) }
    }

    private func setBody(_ article: EntityID, _ body: String) throws {
        try replica.edit { try $0.editArticle(article, body: body) }
    }

    @Test func editsBeforeInsideAcrossAndAfterTheSpan() throws {
        let article = try replica.edit { try $0.addArticle(title: "T", body: "alpha beta gamma delta epsilon") }
        let span = try annotate(article, "gamma delta")
        #expect(try placement(span) == AnchorPlacement(range: 11..<22, status: .exact))

        try setBody(article, "alpha beta gamma delta epsilon zeta")
        #expect(try placement(span) == AnchorPlacement(range: 11..<22, status: .exact))
        try setBody(article, "new words alpha beta gamma delta epsilon")
        #expect(try placement(span) == AnchorPlacement(range: 21..<32, status: .moved))
        try setBody(article, "alpha beta gamma, delta epsilon")
        #expect(try placement(span).status == .fuzzy)
        #expect(try placement(span).range?.lowerBound == 11)
        // Across the start: one word kept, one word gone.
        try setBody(article, "alpha beta-delta epsilon")
        #expect(try placement(span) == .orphaned)
        try setBody(article, "alpha beta epsilon")
        #expect(try placement(span) == .orphaned)
        // Never dropped: the annotation is still listed, with its anchor as made.
        let listed = try #require(try replica.annotations(of: article).first)
        #expect(listed.annotation.anchor?.quote == "gamma delta")
    }

    @Test func anAnchorMadeAgainstTheCurrentBodyIsExactWhereItWasMade() throws {
        let article = try replica.edit { try $0.addArticle(title: "T", body: "one two three") }
        try setBody(article, "zero one two three")
        let id = try annotate(article, "two")
        let placed = try #require(try replica.annotations(of: article).first)
        #expect(placed.placement == AnchorPlacement(range: 9..<12, status: .exact))
        #expect(placed.annotation.anchor?.revision == (try replica.articleDetail(article).article.bodyRevision))
        #expect(try replica.placement(of: try replica.annotation(id)) == placed.placement)
    }

    @Test func showListsInBodyOrderOfCurrentPlacementsWithOrphansLast() throws {
        let article = try replica.edit {
            try $0.addArticle(
                title: "T", body: "The flood reached the old bridge. Rescue boats arrived by noon. Shops stayed closed all week.")
        }
        let bridge = try annotate(article, "the old bridge")
        let boats = try annotate(article, "Rescue boats arrived")
        let shops = try annotate(article, "Shops stayed closed")
        try setBody(article, "Shops stayed closed all week. The flood reached the old bridge.")
        let detail = try replica.articleDetail(article)
        #expect(detail.annotations.map(\.id) == [shops, bridge, boats])
        #expect(detail.annotations.map(\.placement.status) == [.moved, .moved, .orphaned])
        #expect(detail.annotations.map(\.placement.range) == [0..<19, 48..<62, nil])
    }

    @Test func theStatusFilterSpansTheReplica() throws {
        let first = try replica.edit { try $0.addArticle(title: "A", body: "rain over the river") }
        let second = try replica.edit { try $0.addArticle(title: "B", body: "wind over the hills") }
        let rain = try annotate(first, "rain")
        let river = try annotate(first, "river")
        let wind = try annotate(second, "wind")
        try setBody(first, "sun over the river")
        #expect(try replica.annotations(status: .orphaned).map(\.id) == [rain])
        #expect(try replica.annotations(status: .moved).map(\.id) == [river])
        #expect(try replica.annotations(status: .exact).map(\.id) == [wind])
        #expect(try replica.annotations(of: second, status: .orphaned).isEmpty)
        #expect(try replica.annotations().count == 3)
    }

    @Test func anEditCountsTheHighlightsItRemoves() throws {
        let article = try replica.edit { try $0.addArticle(title: "T", body: "mưa to, gió lớn, sấm xa, nắng lên") }
        _ = try annotate(article, "mưa to")
        _ = try annotate(article, "gió lớn")
        _ = try annotate(article, "nắng lên")
        func removed(_ edit: (inout LocalEditor) throws -> Void) throws -> Int {
            try replica.edit { try $0.countingRemovedHighlights(of: article, edit).removed }
        }
        #expect(try removed { try $0.replace(in: article, phrase: "gió lớn, ", with: "", all: false) } == 1)
        #expect(try removed { try $0.editArticle(article, body: "Hôm qua mưa to, sấm xa, nắng lên") } == 0)
        #expect(try removed { try $0.editArticle(article, title: "T2") } == 0)
        #expect(try removed { try $0.editArticle(article, body: "hết") } == 2)
        #expect(try replica.annotations(of: article, status: .orphaned).count == 3)
    }

    @Test func reanchorWritesANewAnchorAgainstTheCurrentBody() throws {
        let body = "Đường Láng ngập, phố Huế ngập, 👩‍👩‍👧 chờ"
        let article = try replica.edit { try $0.addArticle(title: "T", body: body) }
        let id = try annotate(article, "Đường Láng")
        try setBody(article, "Phố Huế ngập, 👩‍👩‍👧 chờ, cầu Giấy thông")
        #expect(try placement(id) == .orphaned)

        // The quote typed in NFD finds the NFC text.
        try replica.edit { try $0.reanchor(id, at: .quote("cầu Giấy".decomposedStringWithCanonicalMapping, occurrence: nil)) }
        let placed = try #require(try replica.annotations(of: article).first)
        #expect(placed.placement == AnchorPlacement(range: 25..<33, status: .exact))
        #expect(placed.annotation.anchor?.quote == "cầu Giấy")
        #expect(placed.annotation.anchor?.revision == (try replica.articleDetail(article).article.bodyRevision))

        let changes = try replica.status().changes
        let refusals: [(LocalEditor.Target, AnchorError)] = [
            (.quote("bão", occurrence: nil), .quoteNotFound("bão", nearMatches: [])),
            (.quote("Huế", occurrence: 2), .occurrenceOutOfRange("Huế", occurrence: 2, count: 1)),
            (.range(start: 30, end: 99), .rangeOutOfBounds(start: 30, end: 99, length: 39)),
            (.range(start: 14, end: 16), .rangeSplitsCharacter(offset: 16)),
        ]
        for (target, error) in refusals {
            #expect(throws: ReplicaError.anchor(error)) { try replica.edit { try $0.reanchor(id, at: target) } }
        }
        #expect(try replica.status().changes == changes)
    }

    @Test func quotesAtTheVeryStartAndEndWithCharactersOutsideTheBMP() throws {
        let article = try replica.edit { try $0.addArticle(title: "T", body: "🌊 lũ về giữa đêm 🌧") }
        let start = try annotate(article, "🌊 lũ")
        let end = try annotate(article, "đêm 🌧")
        try setBody(article, "🌊 lũ về 𝕏 nhanh giữa đêm 🌧")
        #expect(try placement(start) == AnchorPlacement(range: 0..<4, status: .exact))
        #expect(try placement(end) == AnchorPlacement(range: 21..<26, status: .moved))
    }

    /// An imported annotation (no revision) or one whose revision the log lacks is
    /// found by searching for its quote.
    @Test(arguments: [nil, Dot(replica: ReplicaID("zzzzzzzzzzzzzzzz")!, counter: 7)])
    func anAnchorOfAnUnknownRevisionIsFoundByItsQuote(revision: Dot?) throws {
        let source = try Replica.fixture("source", in: directory)
        let article = try source.edit { try $0.addArticle(title: "T", body: "the harbour wall fell into the sea") }
        let id = try source.edit { try $0.annotate(article, at: .quote("harbour wall", occurrence: nil)) }
        var changes = try ReplicaFixtures.changes(of: source)
        changes[1].fields[.anchor] = changes[1].fields[.anchor]?.anchor.map { anchor in
            var imported = anchor
            imported.revision = revision
            return .anchor(imported)
        }
        try replica.integrate(changes)
        #expect(try placement(id) == AnchorPlacement(range: 4..<16, status: .exact))
        try setBody(article, "Storms: the harbour wall fell into the sea")
        #expect(try placement(id) == AnchorPlacement(range: 12..<24, status: .moved))
        #expect(try replica.annotations(status: .moved).map(\.id) == [id])
    }

    @Test func concurrentEditAndAnnotateAgreeOnBothReplicas() throws {
        let office = try Replica.fixture("office", in: directory)
        let article = try replica.edit { try $0.addArticle(title: "Mưa lũ", body: ReplicaFixtures.vietnameseBody) }
        try ReplicaFixtures.exchange(replica, office)
        try replica.edit {
            try $0.editArticle(article, body: "Tin nóng từ Hà Nội.\n\n" + ReplicaFixtures.vietnameseBody)
        }
        let id = try office.edit { try $0.annotate(article, at: .quote("mực nước", occurrence: nil)) }
        try ReplicaFixtures.exchange(replica, office)

        let expected = try #require(ReplicaFixtures.vietnameseBody.range(of: "mực nước")).lowerBound
        let start = "Tin nóng từ Hà Nội.\n\n".unicodeScalars.count
            + ReplicaFixtures.vietnameseBody[..<expected].unicodeScalars.count
        for side in [replica, office] {
            let placed = try #require(try side.annotations(of: article).first { $0.id == id })
            #expect(placed.placement == AnchorPlacement(range: start..<(start + 8), status: .moved))
        }
        #expect(try ReplicaFixtures.state(of: replica) == ReplicaFixtures.state(of: office))
    }
}

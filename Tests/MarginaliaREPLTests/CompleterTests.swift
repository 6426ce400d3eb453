import MarginaliaCLI
import MarginaliaCore
@testable import MarginaliaREPL
import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// What Tab offers where the replica's state decides it, on a real replica file: after
/// `conflict` and `resolve` only the ids with open conflicts, then only their fields in
/// conflict; after `trust rm` the trusted peers, not the sync peers.
@Suite("completion")
struct CompleterTests {
    /// laptop, after meeting office: the title of "Hà Nội ngập sâu" and the note of its
    /// annotation were edited on both, "Cà phê sữa đá" only on laptop. laptop syncs with
    /// road and trusts one peer named office.
    struct Laptop {
        let directory: TemporaryDirectory
        let conflicted: EntityID
        let annotation: EntityID
        let quiet: EntityID
        let completer: Completer

        init() throws {
            directory = try TemporaryDirectory()
            let laptop = try Replica.fixture("laptop", in: directory)
            let office = try Replica.fixture("office", in: directory)
            let (conflicted, annotation) = try laptop.edit { editor in
                let article = try editor.addArticle(title: "Hà Nội ngập sâu", body: "Mực nước sông Tô Lịch dâng cao.")
                return (article, try editor.annotate(article, at: .quote("Tô Lịch", occurrence: nil), note: "đo lúc 6h"))
            }
            let quiet = try laptop.edit { try $0.addArticle(title: "Cà phê sữa đá", body: "Một ly mỗi sáng.") }
            try laptop.deliver(to: office)
            try laptop.edit { editor in
                try editor.editArticle(conflicted, title: "Hà Nội ngập sâu sau mưa")
                try editor.setNote(annotation, to: "đo lúc 6 giờ")
            }
            try office.edit { editor in
                try editor.editArticle(conflicted, title: "Hà Nội ngập nặng")
                try editor.setNote(annotation, to: "đo lúc 7 giờ")
            }
            try laptop.edit { try $0.editArticle(quiet, title: "Cà phê sữa đá Sài Gòn") }
            try office.deliver(to: laptop)
            try laptop.addPeer(name: "road", target: directory.file("road.db"))
            try laptop.trust(try office.identityInfo().fingerprint, name: "office")
            (self.conflicted, self.annotation, self.quiet) = (conflicted, annotation, quiet)
            let context = CommandContext.session(db: directory.file("laptop.db"))
            completer = Completer(vocabulary: ReplicaVocabulary(context: context))
        }

        func words(_ line: String, _ word: String = "") -> [String] {
            guard case .candidates(let candidates) = completer.complete(word, after: line.split(separator: " ").map(String.init))
            else { return [] }
            return candidates.map(\.word)
        }
    }

    @Test func conflictAndResolveOfferOnlyIdsWithOpenConflicts() throws {
        let laptop = try Laptop()
        let open = [laptop.conflicted.rawValue, laptop.annotation.rawValue]
        #expect(Set(laptop.words("conflict")) == Set(open))
        #expect(Set(laptop.words("resolve")) == Set(open))
        #expect(Set(laptop.words("resolve --merge")) == Set(open))
        // A word of the title finds the id, as elsewhere; the article without conflicts is never offered.
        #expect(laptop.words("resolve", "ha") == [laptop.conflicted.rawValue])
        #expect(laptop.words("conflict", "ca") == [])
        // Other commands still offer every id.
        #expect(laptop.words("show", "ca") == [laptop.quiet.rawValue])
    }

    @Test func resolveOffersOnlyTheFieldsInConflict() throws {
        let laptop = try Laptop()
        #expect(laptop.words("resolve \(laptop.conflicted.rawValue)") == ["title"])
        #expect(laptop.words("resolve \(laptop.conflicted.rawValue.prefix(6)) --take 1") == ["title"])
        #expect(laptop.words("resolve \(laptop.annotation.rawValue)") == ["note"])
        #expect(laptop.words("resolve \(laptop.quiet.rawValue)") == [])
    }

    /// Before an id names an entity, Core's field names: `anchor` and `article` included.
    @Test func resolveWithoutAnEntityOffersEveryFieldPeopleResolve() throws {
        let laptop = try Laptop()
        #expect(laptop.words("resolve zzzz") == ["title", "body", "source", "note", "anchor", "article"])
        #expect(laptop.words("resolve zzzz", "an") == ["anchor"])
        #expect(laptop.words("resolve zzzz", "ar") == ["article"])
    }

    @Test func trustRmOffersTrustedPeersAndSyncOffersSyncPeers() throws {
        let laptop = try Laptop()
        #expect(laptop.words("trust rm") == ["office"])
        #expect(laptop.words("sync") == ["road"])
        #expect(laptop.words("peer rm") == ["road"])
    }
}

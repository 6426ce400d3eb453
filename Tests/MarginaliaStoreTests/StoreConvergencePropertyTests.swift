import Foundation
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// Random edits on 3 to 4 real replica files with random pairwise deliveries: after
/// everyone has everything, every replica holds exactly the same state and passes verify.
@Suite struct StoreConvergencePropertyTests {
    static var seeds: Range<UInt64> {
        let count = ProcessInfo.processInfo.environment["MARGINALIA_STORE_SEEDS"].flatMap(UInt64.init) ?? 25
        return 0..<count
    }

    @Test func replicasConvergeWhateverTheDeliveryOrder() throws {
        var conflicts = 0
        for seed in Self.seeds {
            conflicts += try run(seed: seed)
        }
        // Guard against a generator that stops producing concurrency worth testing.
        #expect(conflicts > 0, "no seed produced a conflict")
    }

    /// Runs one seed; returns the number of open conflicts the replicas converged to.
    private func run(seed: UInt64) throws -> Int {
        var random = SplitMix64(seed: seed)
        let directory = try TemporaryDirectory()
        let replicas = try (0..<Int.random(in: 3...4, using: &random)).map {
            try ReplicaFixtures.replica("r\($0)", in: directory)
        }
        for _ in 0..<40 {
            let replica = replicas.randomElement(using: &random)!
            if Int.random(in: 0..<4, using: &random) == 0 {
                let other = replicas.randomElement(using: &random)!
                if other !== replica { try ReplicaFixtures.deliver(from: replica, to: other) }
            } else {
                try RandomEdit.apply(to: replica, using: &random)
            }
        }
        for _ in 0..<2 {
            for first in replicas { for second in replicas where first !== second {
                try ReplicaFixtures.deliver(from: first, to: second)
            } }
        }
        let reference = try ReplicaFixtures.state(of: replicas[0])
        for replica in replicas {
            let name = try replica.name()
            #expect(try ReplicaFixtures.state(of: replica) == reference, "seed \(seed): replica \(name)")
            #expect(try replica.verify().problems == [], "seed \(seed)")
        }
        return try replicas[0].status().openConflicts
    }
}

/// One random local edit: add, edit a field, annotate, note, tag, or delete.
enum RandomEdit {
    static let words = ["mưa", "nước", "Đường", "phố", "lũ", "sông", "người", "dân", "reading", "margin", "📚"]

    static func apply(to replica: Replica, using random: inout SplitMix64) throws {
        let articles = try replica.articles().map(\.id)
        let annotations = try replica.annotations().map(\.id)
        let sentence = (0..<Int.random(in: 3...8, using: &random)).map { _ in words.randomElement(using: &random)! }
            .joined(separator: " ")
        try replica.edit { editor in
            guard let article = articles.randomElement(using: &random) else {
                _ = try editor.addArticle(title: sentence, body: sentence + " " + sentence)
                return
            }
            switch Int.random(in: 0..<9, using: &random) {
            case 0: _ = try editor.addArticle(title: sentence, body: sentence)
            case 1: try? editor.editArticle(article, title: Bool.random(using: &random) ? "Same" : sentence)
            case 2: try? editor.editArticle(article, body: sentence + " " + sentence)
            case 3: try? editor.editArticle(article, source: Bool.random(using: &random) ? "" : "https://x/\(sentence.count)")
            case 4:
                let word = words.randomElement(using: &random)!
                _ = try? editor.annotate(article, at: .quote(word, occurrence: 1), note: sentence)
            case 5:
                if let annotation = annotations.randomElement(using: &random) { try? editor.setNote(annotation, to: sentence) }
            case 6:
                let tag = Tag(["a", "b", "c"].randomElement(using: &random)!)!
                let adding = Bool.random(using: &random)
                try? editor.tag(article, kind: .article, adding: adding ? [tag] : [], removing: adding ? [] : [tag])
            case 7:
                if let annotation = annotations.randomElement(using: &random) { try? editor.deleteAnnotation(annotation) }
            default:
                try? editor.deleteArticle(article)
            }
        }
    }
}

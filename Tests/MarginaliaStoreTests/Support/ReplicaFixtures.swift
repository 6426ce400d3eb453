import Foundation
import MarginaliaCore
@_spi(Testing) @testable import MarginaliaStore
import MarginaliaTestSupport

/// Helpers shared by the store tests.
enum ReplicaFixtures {
    /// Replicas laptop and office in `directory` sharing one article (on the Mưa lũ of
    /// `vietnameseBody`): where the merge and conflict stories start.
    static func sharedArticle(in directory: TemporaryDirectory) throws -> (laptop: Replica, office: Replica, article: EntityID) {
        let laptop = try Replica.fixture("laptop", in: directory)
        let office = try Replica.fixture("office", in: directory)
        let article = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: vietnameseBody) }
        try exchange(laptop, office)
        return (laptop, office, article)
    }

    /// Replicas laptop and office in `directory`, nothing exchanged yet.
    static func pair(in directory: TemporaryDirectory) throws -> (laptop: Replica, office: Replica) {
        (try Replica.fixture("laptop", in: directory), try Replica.fixture("office", in: directory))
    }

    /// Delivers to `target` every change of `source` it lacks, in `source`'s log order,
    /// as the sync engine does. Returns the summary of the integration.
    @discardableResult
    static func deliver(from source: Replica, to target: Replica) throws -> IntegrationSummary {
        try source.deliver(to: target)
    }

    /// Both ways.
    static func exchange(_ first: Replica, _ second: Replica) throws {
        try deliver(from: first, to: second)
        try deliver(from: second, to: first)
    }

    /// The canonical state as one string, for equality checks.
    static func state(of replica: Replica) throws -> String {
        var lines: [String] = []
        try replica.canonicalState { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// Every change a replica holds, in log order.
    static func changes(of replica: Replica) throws -> [Change] {
        var changes: [Change] = []
        try replica.forEachChange(notCoveredBy: VersionVector()) { change, _ in changes.append(change) }
        return changes
    }

    static let vietnameseBody = """
        Sau gần sáu giờ mưa liên tục, mực nước trên sông Tô Lịch dâng cao. “Chỉ nửa tiếng là nước tràn vào tận nhà…”

        Ảnh: Người dân lội nước trên phố Nguyễn Khuyến.
        """
}

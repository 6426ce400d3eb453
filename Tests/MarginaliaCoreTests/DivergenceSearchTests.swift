import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

/// The range descent against two simulated logs (a hash per dot on each side).
@Suite struct DivergenceSearchTests {
    private let origins = [ReplicaID("aaaaaaaaaaaaaaaa")!, ReplicaID("bbbbbbbbbbbbbbbb")!, ReplicaID("cccccccccccccccc")!]

    private struct Log {
        var hashes: [Dot: LogDigest]

        func digest(of range: CounterRange) -> LogDigest {
            (range.from...range.to).reduce(.zero) { $0 + hashes[Dot(replica: range.replica, counter: $1)]! }
        }
    }

    private static func hash(_ random: inout SplitMix64) -> LogDigest {
        LogDigest(hash: (0..<32).map { _ in UInt8(random.int(0...255)) })!
    }

    /// Runs the search to its end; returns what it found and how many digests it compared.
    private func search(_ local: Log, _ remote: Log, common: VersionVector)
        -> (found: [DivergenceSearch.Difference], compared: Int)
    {
        var search = DivergenceSearch(common: common)
        var compared = 0
        while !search.isFinished {
            compared += search.pending.count
            search.compare(local: search.pending.map(local.digest), remote: search.pending.map(remote.digest))
        }
        return (search.found, compared)
    }

    @Test func equalLogsNeedOneDigestPerOrigin() {
        var random = SplitMix64(seed: 1)
        let common = VersionVector([origins[0]: 100, origins[1]: 3])
        var hashes: [Dot: LogDigest] = [:]
        for (origin, count) in common.sortedEntries {
            for counter in 1...count { hashes[Dot(replica: origin, counter: counter)] = Self.hash(&random) }
        }
        let (found, compared) = search(Log(hashes: hashes), Log(hashes: hashes), common: common)
        #expect(found.isEmpty && compared == 2)
    }

    /// Random logs with random alterations: exactly the altered dots are found, each with
    /// both sides' hashes, comparing O(k log n) ranges.
    @Test func findsExactlyTheAlteredChanges() {
        var random = SplitMix64(seed: 15)
        for _ in 0..<100 {
            var common = VersionVector()
            for origin in origins where random.int(0...3) > 0 { common[origin] = UInt64(random.int(1...300)) }
            var local: [Dot: LogDigest] = [:]
            for (origin, count) in common.sortedEntries {
                for counter in 1...count { local[Dot(replica: origin, counter: counter)] = Self.hash(&random) }
            }
            var remote = local
            var altered: [Dot: LogDigest] = [:]
            for _ in 0..<random.int(0...4) where !local.isEmpty {
                let dot = random.pick(local.keys.sorted())
                remote[dot] = Self.hash(&random)
                altered[dot] = remote[dot]
            }
            let (found, compared) = search(Log(hashes: local), Log(hashes: remote), common: common)
            #expect(Set(found.map(\.dot)) == Set(altered.keys))
            for difference in found {
                #expect(difference.local == local[difference.dot] && difference.remote == altered[difference.dot])
            }
            // Per altered change at most two ranges per level of a tree of depth ⌈log2 300⌉ = 9.
            #expect(compared <= common.counters.count + altered.count * 2 * 9)
        }
    }

    @Test func halvesCoverTheRangeWithoutOverlap() {
        let range = CounterRange(replica: origins[0], from: 4, to: 9)
        let (first, second) = range.halves!
        #expect(first == CounterRange(replica: origins[0], from: 4, to: 6))
        #expect(second == CounterRange(replica: origins[0], from: 7, to: 9))
        #expect(CounterRange(replica: origins[0], from: 5, to: 5).halves == nil)
        #expect(range.description == "aaaaaaaaaaaaaaaa:4-9")
    }

    @Test func sharedKnowledgeIsThePerOriginMinimum() {
        let left = VersionVector([origins[0]: 5, origins[1]: 2])
        let right = VersionVector([origins[0]: 3, origins[2]: 7])
        #expect(left.shared(with: right) == VersionVector([origins[0]: 3]))
    }
}

import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

/// The central property of the merge: replicas that applied the same set of changes, in whatever
/// causal order, hold equal states, and that state is the "maximal writes" of each field.
///
/// Runs 300 seeds by default; set `MARGINALIA_PROPERTY_SEEDS` to run more and
/// `MARGINALIA_PROPERTY_FIRST_SEED` to replay from a reported seed.
@Suite("Convergence property")
struct ConvergencePropertyTests {
    static let ordersPerSeed = 12

    /// What the generated histories exercised, so the property cannot pass vacuously.
    struct Coverage {
        var seeds = 0
        var changes = 0
        var concurrentChanges = 0
        var conflicted = 0
        var contested = 0
        var deleted = 0
        var equalConcurrentValues = 0
        var tagAddWins = 0
        var tagged = 0
        var distinctOrders = 0
    }

    @Test func anyCausalOrderGivesTheSameState() {
        let first = propertyFirstSeed()
        let count = propertySeedCount(default: 300)
        var coverage = Coverage()
        var failingSeeds = 0
        for seed in first..<(first + UInt64(count)) {
            let problems = check(seed: seed, coverage: &coverage)
            if !problems.isEmpty {
                let details = problems.prefix(5).joined(separator: "\n")
                Issue.record("seed \(seed) (replay with MARGINALIA_PROPERTY_FIRST_SEED=\(seed) MARGINALIA_PROPERTY_SEEDS=1):\n\(details)")
                failingSeeds += 1
                if failingSeeds >= 3 { break }
            }
        }
        #expect(coverage.seeds == count || failingSeeds > 0)
        // The histories must actually contain what the property is about.
        if count >= 100 {
            #expect(coverage.concurrentChanges > 0, "no concurrent changes generated")
            #expect(coverage.conflicted > count / 10, "too few histories with a field conflict: \(coverage.conflicted)")
            #expect(coverage.contested > 0, "no edit concurrent with a delete")
            #expect(coverage.deleted > 0, "no deleted article")
            #expect(coverage.equalConcurrentValues > 0, "no concurrent equal values")
            #expect(coverage.tagAddWins > 0, "no concurrent add and remove of a tag")
            #expect(coverage.tagged > 0, "no tags")
            #expect(coverage.distinctOrders > count, "random orders were not varied")
        }
    }

    /// Checks one seed; returns what went wrong.
    private func check(seed: UInt64, coverage: inout Coverage) -> [String] {
        var history = SimulatedHistory(seed: seed)
        var problems = history.problems
        let changes = history.changes
        var rng = SplitMix64(seed: seed ^ 0xC0FF_EE00_D15E_A5E5)

        // Reference: the order the changes were made in, which is itself causal.
        guard CausalOrders.isCausal(changes) else { return ["the creation order is not causal"] }
        let reference = apply(changes, to: history.entity)
        let referenceSnapshot = ArticleSnapshot(reference)

        // 1. The maximal-writes characterisation, and the displayed values it implies.
        let maximal = MaximalWrites.state(of: changes, entity: history.entity)
        if reference != maximal {
            problems.append("state differs from the maximal writes:\n  applied \(describe(reference))\n  maximal \(describe(maximal))")
        }
        let expectedSnapshot = MaximalWrites.snapshot(of: changes, actual: referenceSnapshot)
        if referenceSnapshot != expectedSnapshot {
            problems.append("snapshot \(referenceSnapshot) differs from the spec's \(expectedSnapshot)")
        }

        // 2. Many random causal orders, each giving the same state and snapshot.
        var orders: Set<[Dot]> = []
        for attempt in 0..<Self.ordersPerSeed {
            guard let order = CausalOrders.random(changes, rng: &rng) else {
                problems.append("no causal order exists (the generator is broken)")
                break
            }
            orders.insert(order.map(\.dot))
            let state = apply(order, to: history.entity)
            if state != reference {
                problems.append("order #\(attempt) \(order.map(\.dot)) gives \(describe(state)), expected \(describe(reference))")
            }
            if ArticleSnapshot(state) != referenceSnapshot {
                problems.append("order #\(attempt) gives snapshot \(ArticleSnapshot(state)), expected \(referenceSnapshot)")
            }
            // Every prefix of a causal order is a causal cut: it too must be its maximal writes.
            if attempt == 0 {
                var partial = EntityState(id: history.entity, kind: .article)
                for (index, change) in order.enumerated() {
                    partial.apply(change)
                    let cut = Array(order[...index])
                    if partial != MaximalWrites.state(of: cut, entity: history.entity) {
                        problems.append("after the first \(index + 1) changes of \(order.map(\.dot)): not the maximal writes")
                        break
                    }
                }
            }
            // Applying every change twice in a row changes nothing.
            if attempt == 1 {
                var twice = EntityState(id: history.entity, kind: .article)
                for change in order {
                    twice.apply(change)
                    twice.apply(change)
                }
                if twice != reference { problems.append("applying each change twice in a row changed the state") }
            }
        }

        // 3. Each replica's own state is the maximal writes of what it knows, and replicas that
        // know the same changes agree.
        for replica in history.replicas {
            if replica.state != MaximalWrites.state(of: replica.log, entity: history.entity) {
                problems.append("replica \(replica.id) (knowing \(replica.knowledge)) is not the maximal writes of its log")
            }
            for other in history.replicas where other.id > replica.id && other.knowledge == replica.knowledge {
                if other.state != replica.state { problems.append("replicas \(replica.id) and \(other.id) know the same but differ") }
            }
        }

        // 4. After everyone syncs, every replica holds the reference state.
        history.syncAll(rng: &rng)
        problems += history.problems
        let everything = changes.reduce(into: VersionVector()) { $0.record($1.dot) }
        for replica in history.replicas {
            if replica.knowledge != everything { problems.append("replica \(replica.id) did not receive everything") }
            if replica.state != reference { problems.append("replica \(replica.id) after full sync: \(describe(replica.state))") }
            if ArticleSnapshot(replica.state) != referenceSnapshot { problems.append("replica \(replica.id) shows another snapshot") }
        }

        record(changes, reference, orders: orders.count, into: &coverage)
        return problems
    }

    private func apply(_ changes: [Change], to entity: EntityID) -> EntityState {
        var state = EntityState(id: entity, kind: .article)
        for change in changes { state.apply(change) }
        return state
    }

    private func describe(_ state: EntityState) -> String {
        state.registers.sorted { $0.key < $1.key }.map { field, register in
            "\(field)=[" + register.siblings.map { "\($0.dot)@\($0.lamport):\($0.value)" }.joined(separator: ", ") + "]"
        }.joined(separator: " ") + " times \(state.firstTime)...\(state.lastTime)"
    }

    private func record(_ changes: [Change], _ state: EntityState, orders: Int, into coverage: inout Coverage) {
        coverage.seeds += 1
        coverage.changes += changes.count
        coverage.distinctOrders += orders
        for (index, change) in changes.enumerated() {
            let concurrent = changes[..<index].contains { other in
                !change.context.covers(other.dot) && !other.context.covers(change.dot)
            }
            if concurrent { coverage.concurrentChanges += 1 }
        }
        if !state.conflictedFields.isEmpty { coverage.conflicted += 1 }
        switch state.existence {
        case .contested: coverage.contested += 1
        case .deleted: coverage.deleted += 1
        case .live: break
        }
        if state.registers.contains(where: { $0.key.isUserField && $0.value.siblings.count > 1 && !$0.value.isConflicted }) {
            coverage.equalConcurrentValues += 1
        }
        if state.registers.contains(where: { field, register in
            if case .tag = field { return register.isConflicted && register.anyTrue }
            return false
        }) {
            coverage.tagAddWins += 1
        }
        if !state.tags.isEmpty { coverage.tagged += 1 }
    }
}

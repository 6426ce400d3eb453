import MarginaliaCore
import MarginaliaCoreTestSupport

/// One simulated replica: its knowledge, the changes it applied (in order), and its state of the article.
struct SimulatedReplica {
    let id: ReplicaID
    var knowledge = VersionVector()
    var log: [Change] = []
    var maxLamport: UInt64 = 0
    var state: EntityState

    init(id: ReplicaID, entity: EntityID) {
        self.id = id
        state = EntityState(id: entity, kind: .article)
    }

    /// Applies a change this replica made or received; the caller guarantees causal delivery.
    mutating func receive(_ change: Change) {
        knowledge.record(change.dot)
        maxLamport = max(maxLamport, change.lamport)
        log.append(change)
        state.apply(change)
    }
}

/// A random history of edits to one article over 2–5 replicas that make changes and sync.
struct SimulatedHistory {
    static let fields: [FieldName] = [.title, .body, .source, .alive, .tag("x"), .tag("y")]
    static let texts = ["a", "b", "c", "same"]

    let seed: UInt64
    let entity: EntityID
    var replicas: [SimulatedReplica]
    /// Every change made, in the order made (itself a causal order).
    var changes: [Change] = []
    /// Problems with the simulation itself (a delivery that was not causal); must stay empty.
    var problems: [String] = []

    init(seed: UInt64) {
        self.seed = seed
        var rng = SplitMix64(seed: seed)
        let entity = EntityID.random(using: &rng)
        self.entity = entity
        let count = rng.int(2...5)
        var ids: Set<ReplicaID> = []
        while ids.count < count { ids.insert(ReplicaID.random(using: &rng)) }
        replicas = ids.sorted().shuffled(using: &rng).map { SimulatedReplica(id: $0, entity: entity) }

        // The article is created somewhere, then edited and synced at random.
        makeChange(on: rng.int(0...(count - 1)), creation: true, rng: &rng)
        for _ in 0..<rng.int(1...40) {
            if rng.chance(0.6) {
                makeChange(on: rng.int(0...(count - 1)), creation: false, rng: &rng)
            } else {
                let source = rng.int(0...(count - 1))
                var target = rng.int(0...(count - 2))
                if target >= source { target += 1 }
                sync(from: source, to: target, partially: rng.chance(0.3), rng: &rng)
            }
        }
    }

    /// A local change on replica `index`: a creation, a delete, or an edit of a random subset of fields.
    mutating func makeChange(on index: Int, creation: Bool, rng: inout SplitMix64) {
        let replica = replicas[index]
        var fields: [FieldName: FieldValue] = [:]
        if creation {
            fields = [.title: .text(rng.pick(Self.texts)), .body: .text(rng.pick(Self.texts)), .alive: .flag(true)]
        } else if rng.chance(0.15) {
            fields = [.alive: .flag(false)]
        } else {
            while fields.isEmpty {
                for field in Self.fields where rng.chance(0.35) {
                    fields[field] = randomValue(for: field, on: replica, rng: &rng)
                }
            }
        }
        let change = Change(
            dot: Dot(replica: replica.id, counter: replica.knowledge[replica.id] + 1),
            lamport: replica.maxLamport + 1,
            time: Int64(rng.int(0...100_000)),
            entity: entity, kind: .article, fields: fields,
            context: replica.knowledge)
        replicas[index].receive(change)
        changes.append(change)
    }

    private func randomValue(for field: FieldName, on replica: SimulatedReplica, rng: inout SplitMix64) -> FieldValue {
        switch field {
        case .alive:
            return .flag(rng.chance(0.85))
        case .tag:
            return .flag(rng.chance(0.6))
        case .source:
            if rng.chance(0.3) { return FieldValue.none }
            return .text(rng.pick(Self.texts))
        default:
            // Sometimes rewrite the value shown locally, on purpose: concurrent equal values.
            if rng.chance(0.2), let shown = replica.state.value(field) { return shown }
            return .text(rng.pick(Self.texts))
        }
    }

    /// Delivers to `target` the changes of `source`'s log it lacks, in `source`'s order (a causal order),
    /// or only a prefix of them.
    mutating func sync(from source: Int, to target: Int, partially: Bool, rng: inout SplitMix64) {
        var missing = replicas[source].log.filter { !replicas[target].knowledge.covers($0.dot) }
        if partially, !missing.isEmpty { missing = Array(missing.prefix(rng.int(0...missing.count))) }
        for change in missing {
            let knowledge = replicas[target].knowledge
            if !knowledge.includes(change.context) || knowledge[change.dot.replica] != change.dot.counter - 1 {
                problems.append("delivery of \(change.dot) to \(replicas[target].id) with knowledge \(knowledge) is not causal")
            }
            replicas[target].receive(change)
        }
    }

    /// Syncs every pair until all replicas know everything.
    mutating func syncAll(rng: inout SplitMix64) {
        for _ in 0..<2 {
            for source in replicas.indices {
                for target in replicas.indices.shuffled(using: &rng) where target != source {
                    sync(from: source, to: target, partially: false, rng: &rng)
                }
            }
        }
    }
}

enum CausalOrders {
    /// A uniformly random choice at each step among the changes whose causal past has been applied.
    static func random(_ changes: [Change], rng: inout SplitMix64) -> [Change]? {
        var remaining = changes
        var known = VersionVector()
        var order: [Change] = []
        while !remaining.isEmpty {
            let ready = remaining.indices.filter { index in
                let change = remaining[index]
                return known.includes(change.context) && known[change.dot.replica] == change.dot.counter - 1
            }
            guard let pick = ready.randomElement(using: &rng) else { return nil }
            let change = remaining.remove(at: pick)
            known.record(change.dot)
            order.append(change)
        }
        return order
    }

    static func isCausal(_ order: [Change]) -> Bool {
        var known = VersionVector()
        for change in order {
            guard known.includes(change.context), known[change.dot.replica] == change.dot.counter - 1 else { return false }
            known.record(change.dot)
        }
        return true
    }
}

/// The state `changes` must produce, computed without `Register.apply`: every register holds exactly
/// the writes to its field that no other write to that field has in its causal context.
enum MaximalWrites {
    static func siblings(of field: FieldName, in changes: [Change]) -> [Sibling] {
        let writes = changes.filter { $0.fields[field] != nil }
        return writes
            .filter { write in !writes.contains { other in other.dot != write.dot && other.context.covers(write.dot) } }
            .map { Sibling(dot: $0.dot, lamport: $0.lamport, value: $0.fields[field]!) }
    }

    static func state(of changes: [Change], entity: EntityID) -> EntityState {
        var registers: [FieldName: Register] = [:]
        for field in Set(changes.flatMap(\.fields.keys)) {
            registers[field] = Register(siblings: siblings(of: field, in: changes))
        }
        return EntityState(
            id: entity, kind: .article, registers: registers,
            firstTime: changes.map(\.time).min() ?? .max, lastTime: changes.map(\.time).max() ?? .min)
    }

    /// The displayed sibling by the spec's rule, computed independently of `Register.winner`.
    static func winner(_ siblings: [Sibling]) -> Sibling? {
        siblings.max { ($0.lamport, $0.dot.replica.rawValue) < ($1.lamport, $1.dot.replica.rawValue) }
    }

    /// The article snapshot `changes` must produce, from the maximal writes and the spec's display rules.
    /// Fields the spec leaves open (existence when `alive` was never written) are taken from `actual`.
    static func snapshot(of changes: [Change], actual: ArticleSnapshot) -> ArticleSnapshot {
        var expected = actual
        let body = winner(siblings(of: .body, in: changes))
        expected.title = winner(siblings(of: .title, in: changes))?.value.text ?? ""
        expected.body = body?.value.text ?? ""
        expected.bodyRevision = body?.dot
        expected.source = winner(siblings(of: .source, in: changes))?.value.text
        let fields = Set(changes.flatMap(\.fields.keys))
        expected.tags = fields.compactMap { field -> String? in
            guard case .tag(let name) = field else { return nil }
            return siblings(of: field, in: changes).contains { $0.value == .flag(true) } ? name : nil
        }.sorted()
        let alive = Set(siblings(of: .alive, in: changes).map(\.value))
        switch (alive.contains(.flag(true)), alive.contains(.flag(false))) {
        case (true, true): expected.existence = .contested
        case (true, false): expected.existence = .live
        case (false, true): expected.existence = .deleted
        case (false, false): break
        }
        expected.conflictedFields = fields.filter { field in
            field.isUserField && Set(siblings(of: field, in: changes).map(\.value)).count > 1
        }.sorted()
        expected.created = changes.map(\.time).min() ?? .max
        expected.updated = changes.map(\.time).max() ?? .min
        return expected
    }
}

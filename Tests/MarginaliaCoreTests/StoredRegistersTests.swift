import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

/// Registers are stored as canonical JSON in the entity's row, with the displayed texts
/// left to their columns: reading must give back exactly the registers written.
@Suite struct StoredRegistersTests {
    /// The state of one entity after random changes, some concurrent (empty context),
    /// some made after all the others (their context covers every earlier dot).
    private static func randomState(using rng: inout SplitMix64) -> EntityState {
        let first = CanonicalChangeWriterTests.randomChange(using: &rng)
        var state = EntityState(id: first.entity, kind: first.kind)
        var seen = VersionVector()
        for counter in 1...UInt64(rng.int(1...6)) {
            var change = CanonicalChangeWriterTests.randomChange(using: &rng)
            while change.kind != state.kind { change = CanonicalChangeWriterTests.randomChange(using: &rng) }
            change.entity = state.id
            change.dot = Dot(replica: rng.pick([Fixture.a, Fixture.b, Fixture.c]), counter: counter)
            change.context = rng.chance(0.5) ? VersionVector() : seen
            state.apply(change)
            seen.record(change.dot)
        }
        return state
    }

    @Test func readsBackWhatItWrites() {
        let first = propertyFirstSeed()
        for seed in first..<first + UInt64(propertySeedCount(default: 500)) {
            var rng = SplitMix64(seed: seed)
            let state = Self.randomState(using: &rng)
            let json = StoredRegisters.json(state.registers)
            let read = StoredRegisters.registers(json) { state.value($0)?.text }
            #expect(read == state.registers.filter { !$0.value.isEmpty }, "seed \(seed): \(json)")
            #expect(read.map(StoredRegisters.json) == json, "seed \(seed)")
        }
    }

    @Test func displayedTextsComeFromTheRow() throws {
        let change = Fixture.change(
            Fixture.a, 1, fields: [.title: .text("Mưa lũ"), .body: .text("Nước lên…"), .source: .none, .alive: .flag(true)])
        let state = Fixture.article([change])
        let json = StoredRegisters.json(state.registers)
        #expect(json == """
            {"alive":[["aaaaaaaaaaaaaaaa",1,1,true]],"body":[["aaaaaaaaaaaaaaaa",1,1]],\
            "source":[["aaaaaaaaaaaaaaaa",1,1,null]],"title":[["aaaaaaaaaaaaaaaa",1,1]]}
            """)
        let read = try #require(StoredRegisters.registers(json) { $0 == .title ? "Lũ" : "Nước rút" })
        #expect(read[.title]?.winner?.value == .text("Lũ"))
        #expect(read[.body]?.winner?.value == .text("Nước rút"))
        // A displayed text the row does not have, or any other form, does not read.
        #expect(StoredRegisters.registers(json) { _ in nil } == nil)
        #expect(StoredRegisters.registers(json.replacingOccurrences(of: ",null]", with: "]")) { _ in "x" } == nil)
        #expect(StoredRegisters.registers(" " + json) { _ in "x" } == nil)
    }
}

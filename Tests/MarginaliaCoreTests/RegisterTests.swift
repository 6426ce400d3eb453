import MarginaliaCore
import Testing

@Suite("Register")
struct RegisterTests {
    let a = Fixture.a, b = Fixture.b, c = Fixture.c

    private func sibling(_ replica: ReplicaID, _ counter: UInt64, lamport: UInt64? = nil, _ text: String) -> Sibling {
        Sibling(dot: Fixture.dot(replica, counter), lamport: lamport ?? counter, value: .text(text))
    }

    @Test func emptyRegisterHasNoWinnerAndNoConflict() {
        let register = Register()
        #expect(register.isEmpty)
        #expect(register.winner == nil)
        #expect(!register.isConflicted)
        #expect(register.distinctValues.isEmpty)
        #expect(!register.anyTrue)
    }

    @Test func singleWriteIsPlainValue() {
        var register = Register()
        register.apply(sibling(a, 1, "x"), context: VersionVector())
        #expect(register.siblings == [sibling(a, 1, "x")])
        #expect(register.winner?.value == .text("x"))
        #expect(!register.isConflicted)
        #expect(register.distinctValues == [.text("x")])
    }

    @Test func writeThatSawThePreviousValueReplacesIt() {
        var register = Register()
        register.apply(sibling(a, 1, "x"), context: VersionVector())
        register.apply(sibling(b, 1, lamport: 2, "y"), context: VersionVector([a: 1]))
        #expect(register.siblings == [sibling(b, 1, lamport: 2, "y")])
        #expect(!register.isConflicted)
    }

    @Test func concurrentDistinctWritesConflict() {
        var register = Register()
        register.apply(sibling(a, 1, "x"), context: VersionVector())
        register.apply(sibling(b, 1, "y"), context: VersionVector())
        #expect(register.siblings.count == 2)
        #expect(register.isConflicted)
        // Equal Lamport: the higher replica id wins.
        #expect(register.winner?.dot == Fixture.dot(b, 1))
        #expect(register.distinctValues == [.text("y"), .text("x")])
    }

    @Test func concurrentEqualWritesAreSiblingsButNoConflict() {
        var register = Register()
        register.apply(sibling(a, 1, "same"), context: VersionVector())
        register.apply(sibling(b, 1, "same"), context: VersionVector())
        #expect(register.siblings.count == 2)
        #expect(!register.isConflicted)
        #expect(register.distinctValues == [.text("same")])
    }

    @Test func winnerPrefersHigherLamportOverReplicaId() {
        var register = Register()
        register.apply(sibling(c, 1, lamport: 3, "c"), context: VersionVector())
        register.apply(sibling(a, 1, lamport: 7, "a"), context: VersionVector())
        register.apply(sibling(b, 1, lamport: 7, "b"), context: VersionVector())
        #expect(register.winner?.value == .text("b"))
        #expect(register.distinctValues == [.text("b"), .text("a"), .text("c")])
    }

    @Test func winnerIsIndependentOfApplicationOrder() {
        let writes = [sibling(c, 1, lamport: 5, "c"), sibling(a, 1, lamport: 5, "a"), sibling(b, 1, lamport: 2, "b")]
        var results: Set<Register> = []
        for permutation in permutations(writes) {
            var register = Register()
            for write in permutation { register.apply(write, context: VersionVector()) }
            #expect(register.winner?.value == .text("c"))
            results.insert(register)
        }
        #expect(results.count == 1)
    }

    @Test func siblingsAreKeptSortedByDot() {
        var register = Register()
        register.apply(sibling(c, 2, "c"), context: VersionVector())
        register.apply(sibling(a, 5, "a"), context: VersionVector())
        register.apply(sibling(b, 1, "b"), context: VersionVector())
        register.apply(sibling(a, 3, "a3"), context: VersionVector())
        #expect(register.siblings.map(\.dot) == [
            Fixture.dot(a, 3), Fixture.dot(a, 5), Fixture.dot(b, 1), Fixture.dot(c, 2),
        ])
        #expect(Register(siblings: register.siblings.reversed()) == register)
    }

    @Test func resolvingWriteRemovesOnlyCoveredSiblings() {
        var register = Register()
        register.apply(sibling(a, 1, "x"), context: VersionVector())
        register.apply(sibling(b, 1, "y"), context: VersionVector())
        register.apply(sibling(c, 1, "z"), context: VersionVector())
        // Saw a:1 and b:1 but not c:1.
        register.apply(sibling(a, 2, lamport: 3, "w"), context: VersionVector([a: 1, b: 1]))
        #expect(register.siblings.map(\.dot) == [Fixture.dot(a, 2), Fixture.dot(c, 1)])
        #expect(register.isConflicted)
        // Seeing everything resolves the conflict.
        register.apply(sibling(b, 2, lamport: 4, "v"), context: VersionVector([a: 2, b: 1, c: 1]))
        #expect(register.siblings == [sibling(b, 2, lamport: 4, "v")])
        #expect(!register.isConflicted)
    }

    @Test func applyingTheSameWriteTwiceIsIdempotent() {
        var register = Register()
        register.apply(sibling(a, 1, "x"), context: VersionVector())
        register.apply(sibling(b, 1, "y"), context: VersionVector())
        let once = register
        register.apply(sibling(b, 1, "y"), context: VersionVector())
        #expect(register == once)

        var single = Register()
        single.apply(sibling(a, 1, "x"), context: VersionVector())
        let snapshot = single
        single.apply(sibling(a, 1, "x"), context: VersionVector())
        #expect(single == snapshot)
    }

    @Test func flagsAnyTrue() {
        var register = Register()
        register.apply(Sibling(dot: Fixture.dot(a, 1), lamport: 1, value: .flag(false)), context: VersionVector())
        #expect(!register.anyTrue)
        register.apply(Sibling(dot: Fixture.dot(b, 1), lamport: 1, value: .flag(true)), context: VersionVector())
        #expect(register.anyTrue)
        #expect(register.isConflicted)
    }

    @Test func siblingPreference() {
        let low = sibling(c, 1, lamport: 1, "low")
        let highA = sibling(a, 1, lamport: 2, "a")
        let highB = sibling(b, 1, lamport: 2, "b")
        #expect(highA.isPreferred(over: low))
        #expect(!low.isPreferred(over: highA))
        #expect(highB.isPreferred(over: highA))
        #expect(!highA.isPreferred(over: highB))
        #expect(!highA.isPreferred(over: highA))
    }
}

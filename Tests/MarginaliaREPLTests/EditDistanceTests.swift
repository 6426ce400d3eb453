import MarginaliaCLI
import Testing

@Suite("edit distance")
struct EditDistanceTests {
    @Test func countsInsertionsDeletionsAndSubstitutions() {
        #expect(EditDistance.distance("", "abc") == 3)
        #expect(EditDistance.distance("show", "show") == 0)
        #expect(EditDistance.distance("shwo", "show") == 2)
        #expect(EditDistance.distance("anotate", "annotate") == 1)
        #expect(EditDistance.distance("kitten", "sitting") == 3)
        // Characters, not bytes: đ, ư and ờ each count once.
        #expect(EditDistance.distance("đường", "duong") == 3)
    }

    @Test func suggestsOnlyNearCommands() {
        let commands = ["show", "status", "sync", "search", "annotate", "annotations"]
        #expect(EditDistance.nearest(to: "stauts", among: commands) == "status")
        #expect(EditDistance.nearest(to: "anotate", among: commands) == "annotate")
        #expect(EditDistance.nearest(to: "frobnicate", among: commands) == nil)
    }
}

import MarginaliaCore
import Testing

@Suite("DiffExcerpt")
struct DiffExcerptTests {
    static let ancestor = """
        Sau gần sáu giờ mưa liên tục từ đêm 11/9 đến sáng 12/9, nhiều tuyến phố ở nội thành Hà Nội bị ngập sâu, \
        giao thông ùn tắc kéo dài. Theo số liệu của trạm quan trắc Láng, lượng mưa đo được trong khoảng 22 giờ – 4 giờ \
        sáng đạt 135,5 mm, mức cao nhất kể từ đầu mùa. Đơn vị này đã huy động hơn 1.200 công nhân cùng 45 xe bơm để \
        hỗ trợ tiêu thoát tại những điểm ngập trọng yếu, đồng thời mở cửa các trạm bơm đầu mối.
        """
    static let laptop = ancestor.replacingOccurrences(of: "135,5 mm", with: "137,2 mm")
    static let office = ancestor.replacingOccurrences(of: "45 xe bơm", with: "52 xe bơm")

    @Test func unchangedStretchesAreCutToTheWordsAroundAChange() {
        let cut = DiffExcerpt.cut(WordDiff.segments(from: Self.ancestor, to: Self.laptop), context: 6)
        #expect(cut == [
            .init(.equal, "… giờ sáng đạt "), .init(.deleted, "135,5"), .init(.inserted, "137,2"), .init(.equal, " mm, mức …"),
        ])
        // No change: nothing to cut around, the text is kept whole.
        #expect(DiffExcerpt.cut(WordDiff.segments(from: Self.ancestor, to: Self.ancestor), context: 6)
            == [.init(.equal, Self.ancestor)])
    }

    /// The ancestor is cut around every value's change, as their diffs are, so each
    /// change reads against the words it replaced.
    @Test func theAncestorIsShownAroundEachValuesChange() {
        #expect(DiffExcerpt.ancestor(Self.ancestor, changedIn: [Self.laptop, Self.office], context: 6)
            == "… giờ sáng đạt 135,5 mm, mức … công nhân cùng 45 xe bơm để …")
        // An insertion at the very start cuts after it; no change keeps it whole.
        #expect(DiffExcerpt.ancestor(Self.ancestor, changedIn: ["Tin mới: " + Self.ancestor], context: 4)
            == "Sau gần …")
        #expect(DiffExcerpt.ancestor(Self.ancestor, changedIn: [Self.ancestor], context: 4) == Self.ancestor)
    }

    @Test func differencesAreEachValuesOwnWordsInContext() {
        #expect(DiffExcerpt.differences(of: Self.laptop, from: Self.office, context: 4)
            == "… sáng đạt 137,2 mm, … nhân cùng 45 xe bơm …")
        #expect(DiffExcerpt.differences(of: Self.office, from: Self.laptop, context: 4)
            == "… sáng đạt 135,5 mm, … nhân cùng 52 xe bơm …")
    }
}

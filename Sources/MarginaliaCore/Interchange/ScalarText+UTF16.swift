extension ScalarText {
    /// The scalar offset at UTF-16 offset `utf16Offset` (Hypothesis positions): a scalar
    /// outside the Basic Multilingual Plane, an emoji, takes two UTF-16 units but one
    /// scalar. Offsets past the end give the end.
    public func scalarOffset(utf16Offset: Int) -> Int {
        var units = 0
        for (index, scalar) in scalars.enumerated() {
            if units >= utf16Offset { return index }
            units += UTF16.width(scalar)
        }
        return count
    }
}

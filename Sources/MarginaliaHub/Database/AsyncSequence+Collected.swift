extension AsyncSequence {
    /// Every element, in order: for the small results (a row or a few) the hub reads whole.
    func collected() async throws -> [Element] {
        var elements: [Element] = []
        for try await element in self { elements.append(element) }
        return elements
    }
}

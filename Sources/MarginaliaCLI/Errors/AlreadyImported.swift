import MarginaliaCore

/// `import` of a page whose address an article already has. A second copy is refused
/// unless asked for (`--again`): annotations imported from Hypothesis find their article
/// by that address, and two articles with it leave them nowhere to go.
struct AlreadyImported: Error, CustomStringConvertible {
    let address: String
    let article: EntityID

    var description: String {
        "\(address) is already imported as \(HumanFormat.short(article)); use --again to import a new copy"
    }
}

import ArgumentParser
import MarginaliaStore
import MarginaliaSync

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Show the version, with the sync protocol, replica format and SQLite it uses.",
        discussion: "'marginalia --version' prints the first line only.")

    /// This build's version, `marginalia --version`.
    static let current = "0.9.0"

    func run() {
        print("marginalia \(Self.current)")
        print("sync protocol \(ProtocolConstants.name)/\(ProtocolConstants.version), "
            + "replica format \(Replica.formatVersion), SQLite \(Replica.sqliteVersion)")
    }
}

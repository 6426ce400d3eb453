import ArgumentParser

/// A `ReplicaCommand` whose work is asynchronous (sync, serve, bundles).
protocol AsyncReplicaCommand: AsyncParsableCommand {
    var root: MarginaliaCommand { get }
    func run(in context: CommandContext) async throws
}

extension AsyncReplicaCommand {
    func run() async throws {
        try await run(in: CommandContext.make(options: root.global))
    }
}

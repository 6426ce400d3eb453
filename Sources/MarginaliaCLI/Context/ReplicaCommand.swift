import ArgumentParser

/// A command that runs against a replica.
///
/// Commands implement `run(in:)`; the one-shot `run()` builds the context from the
/// global options, and the REPL calls `run(in:)` with its session's context, so both
/// share one grammar and one implementation.
protocol ReplicaCommand: ParsableCommand {
    var root: MarginaliaCommand { get }
    func run(in context: CommandContext) throws
}

extension ReplicaCommand {
    func run() throws {
        try run(in: CommandContext.make(options: root.global))
    }
}

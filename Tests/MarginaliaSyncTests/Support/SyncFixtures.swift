import Foundation
import MarginaliaCore
@_spi(Testing) import MarginaliaStore
import MarginaliaPipes
import MarginaliaSync
import MarginaliaTestSupport
import MarginaliaTransport

enum SyncFixtures {
    /// Runs a real session between two replicas over a socket pair: the initiator on
    /// one end, the responder on the other, concurrently.
    static func sync(_ initiator: Replica, _ responder: Replica) async throws -> (SyncSummary, SyncSummary) {
        let (asked, answered) = try await ended(initiator, responder)
        return (try asked.get(), try answered.get())
    }

    /// `sync`, returning how each side ended (`findingDivergence`: the initiator's option).
    static func ended(_ initiator: Replica, _ responder: Replica, findingDivergence: Bool = false) async throws
        -> (initiator: Result<SyncSummary, any Error>, responder: Result<SyncSummary, any Error>)
    {
        let (left, right) = try socketPair()
        async let answered = session(responder, on: right, as: .responder)
        let asked = await session(initiator, on: left, as: .initiator, findingDivergence: findingDivergence)
        return (asked, await answered)
    }

    /// Where a session's connection is cut: after `bytes` bytes sent by one side.
    struct Cut {
        var fromInitiator: Bool
        var bytes: Int
    }

    /// Runs a session whose connection is cut at `cut`, as a network failure or a killed
    /// peer would cut it: each side on its own socket pair, joined by two `Relay`s, and
    /// each side's socket closed as soon as its session ends. Returns how each side ended.
    static func sync(_ initiator: Replica, _ responder: Replica, cut: Cut) async throws
        -> (initiator: Result<SyncSummary, any Error>, responder: Result<SyncSummary, any Error>)
    {
        // A write to a socket whose reader is gone must fail, not end the test process.
        signal(SIGPIPE, SIG_IGN)
        let (initiatorEnd, nearInitiator) = try socketPair()
        let (responderEnd, nearResponder) = try socketPair()
        defer { close(nearInitiator); close(nearResponder) }
        let relays = [
            Relay.start(from: nearInitiator, to: nearResponder, budget: cut.fromInitiator ? cut.bytes : nil),
            Relay.start(from: nearResponder, to: nearInitiator, budget: cut.fromInitiator ? nil : cut.bytes),
        ]
        async let answered = session(responder, on: responderEnd, as: .responder)
        let asked = await session(initiator, on: initiatorEnd, as: .initiator)
        let outcome = (asked, await answered)
        for relay in relays { relay.wait() }
        return outcome
    }

    /// Runs one side of a session on `descriptor`, which it closes when the session ends
    /// (so the other side, or a relay, sees the connection end with it).
    private static func session(
        _ replica: Replica, on descriptor: Int32, as role: SyncSession.Role, findingDivergence: Bool = false
    ) async -> Result<SyncSummary, any Error> {
        defer { close(descriptor) }
        do {
            let transport = FileDescriptorTransport(input: descriptor, output: descriptor)
            let session = SyncSession(store: replica, transport: transport, findingDivergence: findingDivergence)
            return .success(try await session.run(as: role))
        } catch {
            return .failure(error)
        }
    }

    private static func socketPair() throws -> (Int32, Int32) {
        var descriptors: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &descriptors) == 0 else { throw POSIXError(.EIO) }
        return (descriptors[0], descriptors[1])
    }
}

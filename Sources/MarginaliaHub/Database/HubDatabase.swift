import PostgresNIO

/// The hub's connections to PostgreSQL (`HubConnections`), which come back promptly,
/// with backoff, when the server restarts; held for as long as the hub lives.
///
/// Every hub process holds one; they share nothing but the database, so that several can
/// run behind one address and any of them may die without losing anything.
public final class HubDatabase: Sendable {
    public let url: PostgresURL
    private let connections: HubConnections
    private static let logger = Logger(label: "marginalia.hub")

    /// Connects once at once, so that a wrong URL or a server that is down fails with its
    /// reason. `log` hears when the server is lost and when it is back (`hub --listen`
    /// writes it to standard error).
    public init(url: PostgresURL, maximumConnections: Int = 20, log: @escaping @Sendable (String) -> Void = { _ in })
        async throws
    {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try url.connectionConfiguration
        } catch {
            throw HubError.badURL(url.description, "cannot set up TLS: \(error)")
        }
        self.url = url
        connections = HubConnections(
            configuration: configuration, maximum: maximumConnections, backoff: ReconnectBackoff(), log: log)
        do {
            try await connection { _ in }
        } catch {
            await connections.close()
            throw error
        }
    }

    /// Closes every connection (after the work in flight).
    public func close() async {
        await connections.close()
    }

    /// Runs `body` in one transaction at READ COMMITTED (PostgreSQL's default, named so
    /// the hub's locking argument in Protocol/README.md holds whatever the server's
    /// setting): committed if it returns, rolled back if it throws. A connection lost
    /// before the commit is a rollback too (PostgreSQL's), so a batch is never half stored.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await connection { connection in
            try await connection.query("BEGIN ISOLATION LEVEL READ COMMITTED", logger: Self.logger)
            let result: Result
            do {
                result = try await body(connection)
            } catch {
                // A lost connection's transaction is rolled back by PostgreSQL: nothing to send.
                if case HubError.unavailable = HubError.from(error) { throw error }
                _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                throw error
            }
            try await connection.query("COMMIT", logger: Self.logger)
            return result
        }
    }

    /// Runs `body` on one connection, outside any transaction (each statement its own).
    /// A connection that saw a failure is closed rather than reused (it may be lost, or
    /// in a transaction whose rollback failed); one lost with the server starts reconnecting.
    func connection<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let connection = try await connections.lease()
        do {
            let result = try await body(connection)
            await connections.release(connection, reusable: true)
            return result
        } catch {
            await connections.release(connection, reusable: false)
            let failure = HubError.from(error)
            if case HubError.unavailable(let reason) = failure { await connections.lost(reason) }
            throw failure
        }
    }

    static var log: Logger { logger }
}

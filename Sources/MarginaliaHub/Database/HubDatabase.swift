import PostgresNIO

/// The hub's connections to PostgreSQL: a pool (postgres-nio's `PostgresClient`) that
/// reconnects with backoff when the server restarts, run for as long as the hub lives.
///
/// Every hub process holds one; they share nothing but the database, so that several can
/// run behind one address and any of them may die without losing anything.
public final class HubDatabase: Sendable {
    public let url: PostgresURL
    let client: PostgresClient
    private let running: Task<Void, Never>
    private static let logger = Logger(label: "marginalia.hub")

    /// Connects once directly first, so that a wrong URL or a server that is down fails at
    /// once with its reason (the pool alone would keep retrying).
    public init(url: PostgresURL, maximumConnections: Int = 20) async throws {
        do {
            let probe = try await PostgresConnection.connect(
                configuration: try url.connectionConfiguration, id: 0, logger: Self.logger)
            try await probe.close()
        } catch {
            throw HubError.from(error)
        }
        var configuration = url.clientConfiguration
        configuration.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: configuration)
        self.url = url
        self.client = client
        running = Task { await client.run() }
    }

    /// Closes every connection (after the work in flight).
    public func close() async {
        running.cancel()
        await running.value
    }

    /// Runs `body` in one transaction at READ COMMITTED (PostgreSQL's default, named so
    /// the hub's locking argument in Protocol/README.md holds whatever the server's
    /// setting): committed if it returns, rolled back if it throws.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN ISOLATION LEVEL READ COMMITTED", logger: Self.logger)
                let result: Result
                do {
                    result = try await body(connection)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                    throw error
                }
                try await connection.query("COMMIT", logger: Self.logger)
                return result
            }
        } catch {
            throw HubError.from(error)
        }
    }

    /// Runs `body` on one connection, outside any transaction (each statement its own).
    func connection<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw HubError.from(error)
        }
    }

    static var log: Logger { logger }
}

import PostgresNIO

/// The connections one hub process holds to PostgreSQL: reused while the server is up,
/// and, once it is lost, a reconnection with a bounded exponential backoff
/// (`ReconnectBackoff`) during which every request fails at once as unavailable.
///
/// Not postgres-nio's `PostgresClient`: in 1.33 its pool's backoff is fixed (growing to a
/// minute) and, while the server is down, a lease waits in a queue until its circuit
/// breaker opens (a minute), so a hub came back slowly and held clients meanwhile.
actor HubConnections {
    private let configuration: PostgresConnection.Configuration
    private let maximum: Int
    private let backoff: ReconnectBackoff
    private let log: @Sendable (String) -> Void
    private var idle: [PostgresConnection] = []
    /// Connections made and not yet closed: leased or idle.
    private var open = 0
    /// Leases waiting for a connection to be released (all `maximum` are leased).
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Why the server is unreachable, while reconnecting.
    private var outage: (reason: String, reconnecting: Task<Void, Never>)?
    private var closed = false
    private var lastID = 0

    init(configuration: PostgresConnection.Configuration, maximum: Int, backoff: ReconnectBackoff,
         log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.maximum = maximum
        self.backoff = backoff
        self.log = log
    }

    /// An open connection, for the caller alone until it hands it back (`release`).
    func lease() async throws -> PostgresConnection {
        while true {
            if closed { throw HubError.unavailable("the hub is stopping") }
            if let outage { throw HubError.unavailable(outage.reason) }
            while let connection = idle.popLast() {
                if !connection.isClosed { return connection }
                open -= 1
            }
            if open < maximum {
                open += 1
                do {
                    return try await connect()
                } catch {
                    open -= 1
                    let failure = HubError.from(error)
                    if case HubError.unavailable(let reason) = failure { lost(reason) }
                    wakeOne()
                    throw failure
                }
            }
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    /// Takes back a leased connection: kept for the next lease if `reusable` (the caller
    /// saw nothing fail on it) and the server is not lost, else closed.
    func release(_ connection: PostgresConnection, reusable: Bool) {
        if reusable && !connection.isClosed && outage == nil && !closed {
            idle.append(connection)
        } else {
            open -= 1
            Self.discard(connection)
        }
        wakeOne()
    }

    /// The server was found unreachable (a connection refused, or lost under a
    /// statement): idle connections are dropped, waiting leases fail, and reconnecting
    /// starts, unless it already has.
    func lost(_ reason: String) {
        guard outage == nil, !closed else { return }
        log("PostgreSQL is unavailable (\(reason)); reconnecting")
        open -= idle.count
        idle.forEach(Self.discard)
        idle = []
        outage = (reason, Task { await self.reconnect() })
        wakeAll()
    }

    /// Closes the idle connections and stops reconnecting; leased ones close as they are released.
    func close() async {
        closed = true
        outage?.reconnecting.cancel()
        let closing = idle
        open -= idle.count
        idle = []
        wakeAll()
        for connection in closing { try? await connection.close() }
    }

    /// Tries again after each delay until a connection opens; that one is kept for the next lease.
    private func reconnect() async {
        var failures = 0
        while !closed {
            failures += 1
            do {
                try await Task.sleep(for: backoff.delay(afterFailures: failures))
            } catch {
                return
            }
            do {
                let connection = try await connect()
                if closed {
                    Self.discard(connection)
                    return
                }
                open += 1
                idle.append(connection)
                outage = nil
                log("PostgreSQL is back (after \(failures) attempt\(failures == 1 ? "" : "s") to reconnect)")
                return
            } catch {
                if case HubError.unavailable(let reason) = HubError.from(error) { outage?.reason = reason }
            }
        }
    }

    private func connect() async throws -> PostgresConnection {
        lastID += 1
        return try await PostgresConnection.connect(configuration: configuration, id: lastID, logger: HubDatabase.log)
    }

    private func wakeOne() {
        if !waiting.isEmpty { waiting.removeFirst().resume() }
    }

    private func wakeAll() {
        for waiter in waiting { waiter.resume() }
        waiting = []
    }

    private static func discard(_ connection: PostgresConnection) {
        Task { try? await connection.close() }
    }
}

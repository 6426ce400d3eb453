@testable import MarginaliaHub
import MarginaliaTestSupport
import PostgresNIO
import Testing

/// The throwaway cluster every hub test runs on: it starts, takes connections through
/// the hub's own URL handling, answers queries, and is gone afterwards.
@Suite struct PostgresClusterTests {
    @Test func startsAndAnswersAQueryThroughTheHubsConnection() async throws {
        let cluster = try PostgresCluster()
        let database = try await HubDatabase(url: try PostgresURL(cluster.url()))
        let answer = try await database.connection { connection in
            try await connection.query("SELECT 'Hà Nội' || ' ' || current_setting('server_version_num')", logger: HubDatabase.log)
                .decode(String.self).collected()
        }
        await database.close()
        #expect(answer.first?.hasPrefix("Hà Nội ") == true)
        #expect(try cluster.psql("SELECT 1 + 1") == "2")
    }

    @Test func aServerThatIsDownIsNamedInOneLine() async throws {
        let cluster = try PostgresCluster()
        try cluster.stop()
        do {
            _ = try await HubDatabase(url: try PostgresURL(cluster.url()))
            Issue.record("connected to a stopped server")
        } catch let error as HubError {
            guard case .unavailable = error else { Issue.record("\(error)"); return }
            #expect(!error.description.contains("\n"))
        }
    }

    @Test(arguments: [
        "mysql://x@localhost/db", "postgres:///db", "postgres://u@h/db?sslmode=sometimes",
    ])
    func badURLsAreRefused(_ url: String) {
        #expect(throws: HubError.self) { try PostgresURL(url) }
    }

    @Test func theURLShownHasNoPassword() throws {
        let url = try PostgresURL("postgres://hub:bí-mật@db.example:6543/marginalia?sslmode=require")
        #expect(url.description == "postgres://hub@db.example:6543/marginalia?sslmode=require")
    }
}

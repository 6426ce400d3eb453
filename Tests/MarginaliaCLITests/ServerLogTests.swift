import Foundation
import Testing

/// `serve --listen` logs what happened to each client, in the words the client was
/// sent: a client cut off by a timeout is logged as timed out, not as a peer that hung
/// up or sent a malformed line (which is how the session saw its input end).
@Suite("the server's log")
struct ServerLogTests {
    @Test func clientsCutOffByTheHandshakeTimeoutAreLoggedAsTimedOut() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let token = try lab.tokenFile()
        let server = try ServerProcess(office, tokenFile: token, extra: ["--handshake-timeout", "1"])
        let silent = try server.rawClient()
        let halfLine = try server.rawClient()
        for connection in [silent, halfLine] { _ = try connection.readLine() }  // the challenge
        try halfLine.send(bytes: Array("{\"type\":\"hello\",".utf8))
        for connection in [silent, halfLine] {
            #expect(try connection.readLine()?.contains("\"code\":\"timeout\"") == true)
            #expect(try connection.readLine() == nil)
        }
        let log = try server.stop().errorLines
        let timedOut = log.filter { $0.hasSuffix(": timed out: no hello within the handshake timeout") }
        #expect(timedOut.count == 2, "\(log)")
        #expect(!log.contains { $0.contains("hung up") || $0.contains("malformed_line") }, "\(log)")
    }
}

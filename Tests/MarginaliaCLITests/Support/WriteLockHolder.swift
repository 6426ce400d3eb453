import Foundation

/// Another program holding a replica's write lock: the system `sqlite3` inside
/// `BEGIN IMMEDIATE`, kept open through a pipe until `release()`. Readers go on (WAL);
/// writers wait for it, up to their busy timeout.
final class WriteLockHolder {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    /// Returns once the lock is held: `sqlite3` has answered a query inside the transaction.
    init(database: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try send("BEGIN IMMEDIATE;\nSELECT 'locked';\n")
        var answer = Data()
        while !String(decoding: answer, as: UTF8.self).contains("locked\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw LabError("sqlite3 ended before taking the lock: \(String(decoding: answer, as: UTF8.self))") }
            answer.append(chunk)
        }
        guard String(decoding: answer, as: UTF8.self) == "locked\n" else {
            throw LabError("sqlite3 could not take the lock: \(String(decoding: answer, as: UTF8.self))")
        }
    }

    /// Ends the transaction without writing anything, and `sqlite3` with it.
    func release() throws {
        guard process.isRunning else { return }
        try send("ROLLBACK;\n.quit\n")
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { try? release() }

    private func send(_ text: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }
}

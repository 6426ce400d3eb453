import Foundation
import MarginaliaCore
import MarginaliaStore

extension SyncSession {
    /// Sends every change `knowledge` does not cover, in log order, then `done`.
    func sendChanges(missingFrom knowledge: VersionVector) async throws {
        var position: Int64 = 0
        var count = 0
        while true {
            // Ctrl-C in the REPL cancels the task: stop between pages.
            try Task.checkCancellation()
            let page = try await replica.changePage(notCoveredBy: knowledge, after: position, limit: 1_000)
            if page.payloads.isEmpty { break }
            for payload in page.payloads {
                // The stored payload is the change's canonical JSON, so the line is built
                // without decoding and re-encoding it (keys stay sorted: "change" < "type").
                try await sendLine(Data(("{\"change\":" + payload + ",\"type\":\"change\"}").utf8))
                count += 1
            }
            position = page.next
            counts.sent = count
            report()
        }
        try await send(.done(Done(count: count)))
        try await transport.flush()
    }

    /// Receives changes until `done`, applying them in batches.
    func receiveChanges() async throws {
        var batch: [Change] = []
        var batchLines: [Int] = []
        var count = 0
        while true {
            let next: ChangeStreamItem = try await receive("a change or done") { message in
                switch message {
                case .change(let change): .change(change)
                case .done(let done): .done(done)
                default: nil
                }
            }
            switch next {
            case .change(let change):
                batch.append(change)
                batchLines.append(linesReceived)
                count += 1
                if batch.count >= ProtocolConstants.batchSize {
                    // Cancelled (Ctrl-C in the REPL): stop between batches, each one transaction.
                    try Task.checkCancellation()
                    try await apply(batch, lines: batchLines)
                    batch.removeAll(keepingCapacity: true)
                    batchLines.removeAll(keepingCapacity: true)
                }
            case .done(let done):
                // Checked before the last batch is applied: a wrong count means the
                // stream is not what its sender meant, and nothing more is taken from it.
                guard done.count == count else {
                    throw try await fail(ProtocolError(
                        .countMismatch, "done says \(done.count) changes, but \(count) arrived", line: linesReceived))
                }
                try await apply(batch, lines: batchLines)
                return
            }
        }
    }

    private func apply(_ batch: [Change], lines: [Int]) async throws {
        guard !batch.isEmpty else { return }
        do {
            let summary = try await replica.integrate(batch)
            counts.received += summary.applied
            duplicates += summary.duplicates
            report()
        } catch let error as IntegrationError {
            throw try await fail(ProtocolError(
                ProtocolErrorCode(error.rejection.code), error.rejection.message, line: lines[error.index]))
        } catch {
            // The peer learns that storing failed, not where this replica lives.
            let reason = if case ReplicaError.database(_, let message) = error { message } else { "storage failed" }
            _ = try? await fail(ProtocolError(.internalError, "the receiver could not store changes: \(reason)"))
            throw error
        }
    }

    // MARK: Lines

    /// Receives the next message, which `accept` must turn into a value; an `error`
    /// from the peer, or any other message, ends the session.
    func receive<Value>(_ expected: String, _ accept: (SyncMessage) -> Value?) async throws -> Value {
        let line: [UInt8]?
        do {
            line = try await transport.receiveLine()
        } catch let error as ProtocolError {
            throw try await fail(ProtocolError(error.code, error.message, line: linesReceived + 1))
        }
        guard let line else {
            throw SyncFailure.peerHungUp(afterLine: linesReceived, expected: expected)
        }
        linesReceived += 1
        counts.bytesReceived += line.count + 1
        let message: SyncMessage
        do {
            message = try coding.decode(line, lineNumber: linesReceived)
        } catch {
            throw try await fail(error)
        }
        if case .error(let error) = message { throw SyncFailure.peerReported(error) }
        guard let value = accept(message) else {
            throw try await fail(ProtocolError(
                .unexpectedMessage, "expected \(expected), got \(message.type)", line: linesReceived))
        }
        return value
    }

    func send(_ message: SyncMessage) async throws {
        try await sendLine(try coding.encode(message))
    }

    private func sendLine(_ line: Data) async throws {
        counts.bytesSent += line.count + 1
        try await transport.send(line)
    }

    /// Tells the peer why the session ends (best effort) and returns the error to throw.
    func fail(_ error: ProtocolError) async throws -> SyncFailure {
        try? await send(.error(error))
        try? await transport.flush()
        return SyncFailure.refused(error)
    }

    private func report() {
        counts.seconds = Date().timeIntervalSince(started)
        progress?(counts)
    }
}

/// What may follow a hello: a change, or the done that ends them.
private enum ChangeStreamItem {
    case change(Change)
    case done(Done)
}

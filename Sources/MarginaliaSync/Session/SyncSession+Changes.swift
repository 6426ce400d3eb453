import Foundation
import MarginaliaCore

extension SyncSession {
    /// Sends every change `knowledge` does not cover, in log order, then `done`.
    /// Returns this replica's knowledge as it was before sending: everything it names
    /// was sent or already covered (a local edit made meanwhile may or may not be sent).
    @discardableResult
    func sendChanges(missingFrom knowledge: VersionVector) async throws -> VersionVector {
        let sending = try await store.knowledge()
        var position: Int64 = 0
        var count = 0
        while true {
            // Ctrl-C in the REPL cancels the task: stop between pages.
            try Task.checkCancellation()
            let page = try await store.changePage(notCoveredBy: knowledge, after: position, limit: 1_000)
            if page.payloads.isEmpty { break }
            for payload in page.payloads {
                // The stored payload is the change's canonical JSON: sent without re-encoding.
                try await sendLine(ChangeLine.line(carrying: payload))
                count += 1
            }
            position = page.next
            counts.sent = count
            report()
        }
        try await send(.done(Done(count: count)))
        try await transport.flush()
        return sending
    }

    /// Receives changes until `done`, applying them in batches. Returns the dots
    /// received, which the sender holds (with all their predecessors, by the knowledge
    /// invariant). `answeringProbes` (a responder of version 2): `probe` lines before
    /// the first change are answered.
    ///
    /// A full batch is applied by the store while the next one is read and
    /// decoded, since decoding JSON costs about as much as storing it. Refusals still
    /// come out in stream order: a bad line is reported only after the batch before it
    /// has been applied, and that batch's own refusal comes first.
    /// After the last one the store finishes what it put off (`finishIntegrating`).
    @discardableResult
    func receiveChanges(answeringProbes: Bool = false) async throws -> VersionVector {
        var received = VersionVector()
        var batch = PendingBatch()
        var applying: BatchInFlight?
        var count = 0
        while true {
            let next: ChangeStreamItem
            do {
                next = try await readMessage("a change or done") { message in
                    switch message {
                    case .change(let change): .change(change)
                    case .done(let done): .done(done)
                    case .probe(let probe) where answeringProbes && count == 0: .probe(probe)
                    default: nil
                    }
                }
            } catch let error as ProtocolError {
                try await settle(applying)
                throw try await fail(error)
            } catch {
                try await settle(applying)
                throw error
            }
            switch next {
            case .probe(let probe):
                try await answer(probe)
            case .change(let change):
                received.record(change.dot)
                batch.append(store.prepare(change), line: linesReceived)
                count += 1
                if batch.isFull {
                    try await settle(applying)
                    // Cancelled (Ctrl-C in the REPL): stop between batches, each one transaction.
                    try Task.checkCancellation()
                    applying = startApplying(batch)
                    batch = PendingBatch()
                }
            case .done(let done):
                try await settle(applying)
                // Checked before the last batch is applied: a wrong count means the
                // stream is not what its sender meant, and nothing more is taken from it.
                guard done.count == count else {
                    throw try await fail(ProtocolError(
                        .countMismatch, "done says \(done.count) changes, but \(count) arrived", line: linesReceived))
                }
                try await settle(startApplying(batch))
                try await store.finishIntegrating()
                return received
            }
        }
    }

    /// Hands `batch` to the store, which runs it in its own transaction, then does what
    /// it can ahead of the end of the stream (`integrateAhead`), while the next batch is read.
    private func startApplying(_ batch: PendingBatch) -> BatchInFlight? {
        guard !batch.changes.isEmpty else { return nil }
        let store = self.store
        let changes = batch.changes
        return BatchInFlight(task: Task {
            let summary = try await store.integrate(changes)
            try await store.integrateAhead()
            return summary
        }, lines: batch.lines)
    }

    /// Waits for a batch handed to the writer; a refusal ends the session.
    private func settle(_ batch: BatchInFlight?) async throws {
        guard let batch else { return }
        do {
            let summary = try await batch.task.value
            counts.received += summary.applied
            duplicates += summary.duplicates
            report()
        } catch let error as IntegrationError {
            throw try await fail(ProtocolError(
                ProtocolErrorCode(error.rejection.code), error.rejection.message, line: batch.lines[error.index]))
        } catch {
            // The peer learns that storing failed, not where this side's store lives.
            _ = try? await fail(store.storageFailure(error))
            throw error
        }
    }

    // MARK: Lines

    /// Receives the next message, which `accept` must turn into a value; an `error`
    /// from the peer, or any other message, ends the session.
    func receive<Value>(_ expected: String, _ accept: (SyncMessage) -> Value?) async throws -> Value {
        do {
            return try await readMessage(expected, accept)
        } catch let error as ProtocolError {
            throw try await fail(error)
        }
    }

    /// `receive` without answering: a line that breaks the protocol throws its
    /// `ProtocolError` for the caller to report.
    private func readMessage<Value>(_ expected: String, _ accept: (SyncMessage) -> Value?) async throws -> Value {
        guard let value = try await readOptionalMessage(expected, accept) else {
            throw SyncFailure.peerHungUp(afterLine: linesReceived, expected: expected)
        }
        return value
    }

    /// `readMessage` where the input may end (nil) instead.
    func readOptionalMessage<Value>(_ expected: String, _ accept: (SyncMessage) -> Value?) async throws -> Value? {
        let line: [UInt8]?
        do {
            line = try await transport.receiveLine()
        } catch let error as ProtocolError {
            throw ProtocolError(error.code, error.message, line: linesReceived + 1)
        }
        guard let line else { return nil }
        linesReceived += 1
        counts.bytesReceived += line.count + 1
        let message = try coding.decode(line, lineNumber: linesReceived)
        if case .error(let error) = message { throw SyncFailure.peerReported(error) }
        guard let value = accept(message) else {
            throw ProtocolError(.unexpectedMessage, "expected \(expected), got \(message.type)", line: linesReceived)
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
        sentError = true
        try? await send(.error(error))
        try? await transport.flush()
        return SyncFailure.refused(error)
    }

    private func report() {
        counts.seconds = Date().timeIntervalSince(started)
        progress?(counts)
    }
}

/// What may follow a hello: a change, the done that ends them, or (before the first
/// change, version 2) a probe.
private enum ChangeStreamItem {
    case change(Change)
    case done(Done)
    case probe(Probe)
}

/// A batch the store is applying.
private struct BatchInFlight {
    let task: Task<IntegrationSummary, any Error>
    let lines: [Int]
}

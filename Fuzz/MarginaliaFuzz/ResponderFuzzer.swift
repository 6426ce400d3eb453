import Foundation
import MarginaliaCore
import MarginaliaStore
import MarginaliaSync
import MarginaliaPipes

/// Runs the responder's side of a session, through the real line framing
/// (`FileDescriptorTransport`) and decoding, on a real replica file, with arbitrary
/// bytes as the peer's input; then checks that the replica is still sound.
///
/// Each input starts from the same replica (a copy of a template that already holds
/// an article and an annotation, so duplicates and equivocation have something to
/// meet), which keeps every run reproducible from its input alone.
final class ResponderFuzzer: @unchecked Sendable {
    static let shared = ResponderFuzzer()

    private let directory: String
    private let template: [UInt8]
    private let work: String
    private let inputFile: String

    private init() {
        directory = NSTemporaryDirectory() + "marginalia-fuzz-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        work = directory + "/work.db"
        inputFile = directory + "/input"
        let templateFile = directory + "/template.db"
        Self.makeTemplate(at: templateFile)
        template = Array(FileManager.default.contents(atPath: templateFile)!)
    }

    func run(_ input: [UInt8]) {
        for suffix in ["-wal", "-shm"] { unlink(work + suffix) }
        Self.write(template, to: work)
        Self.write(input, to: inputFile)
        let replica = try! Replica.open(at: work, creation: .never)
        let before = try! replica.knowledge()

        let inputDescriptor = open(inputFile, O_RDONLY)
        let outputDescriptor = open("/dev/null", O_WRONLY)
        defer {
            close(inputDescriptor)
            close(outputDescriptor)
        }
        Self.wait {
            let transport = FileDescriptorTransport(input: inputDescriptor, output: outputDescriptor)
            _ = try? await SyncSession(store: replica, transport: transport).run(as: .responder)
        }

        // Whatever the peer sent: knowledge never goes back, and once changes were taken
        // the file passes SQLite's integrity check and the derived tables are exactly what
        // replaying the log gives. (Refused input leaves knowledge as it was, and every
        // write is in a transaction with it; verifying then too would slow the fuzzer
        // tenfold.)
        let after = try! replica.knowledge()
        precondition(after.includes(before), "knowledge went back from \(before) to \(after)")
        if after != before {
            let report = try! replica.verify()
            precondition(report.isConsistent, "verify failed: \(report.problems)")
        }
    }

    /// A replica holding an article with a tag and an annotation on it, closed (so its
    /// WAL is checkpointed into the one file that is copied) when this returns.
    private static func makeTemplate(at path: String) {
        let replica = try! Replica.open(at: path, creation: .ifMissing(name: "fuzz"))
        let article = try! replica.edit {
            try $0.addArticle(title: "Hà Nội ngập sâu", body: "Mưa lớn kéo dài khiến mực nước dâng cao.", tags: [Tag("tin")!])
        }
        _ = try! replica.edit { try $0.annotate(article, at: .quote("mực nước", occurrence: nil), note: "đo lúc 6 giờ") }
    }

    /// Replaces the file at `path` with `bytes`, through POSIX calls that are retried
    /// when a signal interrupts them (the writes by `FileDescriptorWriter`): libFuzzer's timer (`-timeout`) raises SIGALRM, and
    /// Foundation's file copy and `Data.write` report the EINTR instead of retrying (seen
    /// in CI on a loaded machine). Any other failure stops the fuzzer.
    private static func write(_ bytes: [UInt8], to path: String) {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } while descriptor < 0 && errno == EINTR
        precondition(descriptor >= 0, "cannot open \(path): \(String(cString: strerror(errno)))")
        defer { close(descriptor) }
        do {
            try FileDescriptorWriter.writeAll(bytes, to: descriptor)
        } catch {
            preconditionFailure("cannot write \(path): \(String(cString: strerror(error.code.rawValue)))")
        }
    }

    /// Runs `body` to completion from synchronous code (libFuzzer calls in synchronously).
    private static func wait(_ body: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task {
            await body()
            done.signal()
        }
        done.wait()
    }
}

import Foundation
import MarginaliaCore
import MarginaliaStore
import MarginaliaSync
import MarginaliaTransport

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
    private let template: String
    private let work: String
    private let inputFile: String

    private init() {
        directory = NSTemporaryDirectory() + "marginalia-fuzz-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        template = directory + "/template.db"
        work = directory + "/work.db"
        inputFile = directory + "/input"
        Self.makeTemplate(at: template)
    }

    func run(_ input: Data) {
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: work + suffix) }
        Self.retryingInterruptions {
            try? FileManager.default.removeItem(atPath: work)
            try FileManager.default.copyItem(atPath: template, toPath: work)
        }
        Self.retryingInterruptions { try input.write(to: URL(fileURLWithPath: inputFile)) }
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
            _ = try? await SyncSession(replica: replica, transport: transport).run(as: .responder)
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

    /// Runs a file operation again when a signal interrupted it: libFuzzer's timer
    /// (`-timeout`) raises SIGALRM every second, and Foundation reports the EINTR a copy
    /// gets instead of retrying it (seen in CI on a loaded machine). Any other failure
    /// stops the fuzzer.
    private static func retryingInterruptions(_ operation: () throws -> Void) {
        while true {
            do {
                return try operation()
            } catch {
                let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
                let interrupted = [error as NSError, underlying].contains {
                    $0?.domain == NSPOSIXErrorDomain && $0?.code == Int(EINTR)
                }
                guard interrupted else { fatalError("\(error)") }
            }
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

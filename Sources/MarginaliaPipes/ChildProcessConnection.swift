import Foundation
import MarginaliaSync

/// A peer reached by starting a process and speaking over its standard input and
/// output: `sync exec:COMMAND`, `sync ssh://HOST/PATH`, and `sync PATH` (which starts
/// this very program as `serve --stdio` on the other file). Its standard error stays
/// the user's, so a remote error message reaches them.
public final class ChildProcessConnection {
    private let process = Process()
    private let toChild = Pipe()
    private let fromChild = Pipe()
    public let transport: FileDescriptorTransport

    /// Starts `executable` with `arguments`.
    public init(executable: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = toChild
        process.standardOutput = fromChild
        do {
            try process.run()
        } catch {
            throw TransportError.cannotStart("cannot start \(executable): \(error.localizedDescription)")
        }
        transport = FileDescriptorTransport(
            input: fromChild.fileHandleForReading.fileDescriptor, output: toChild.fileHandleForWriting.fileDescriptor)
    }

    /// Starts `command` through `/bin/sh -c`.
    public convenience init(shellCommand command: String) throws {
        try self.init(executable: "/bin/sh", arguments: ["-c", command])
    }

    /// Closes the child's input and waits for it to exit; returns its exit status.
    @discardableResult
    public func finish() -> Int32 {
        try? toChild.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Ends the child at once (the session failed or was cancelled). Returns its exit
    /// status when it had exited on its own, nil when the signal ended it.
    @discardableResult
    public func terminate() -> Int32? {
        if process.isRunning { process.terminate() }
        let status = finish()
        return process.terminationReason == .exit ? status : nil
    }

    /// What passes Ctrl-C on to the child, from any thread (a sync cancelled by it):
    /// SIGINT to the process group that `Process` gives the child, as if it shared the
    /// terminal's foreground group. Every process of a pipeline (`exec:A | B`) and those
    /// a shell started end with it, so none is left writing to a closed pipe once
    /// marginalia has exited, and no shell reports a child that Ctrl-C ended.
    public func interrupter() -> @Sendable () -> Void {
        let group = process.processIdentifier
        return { _ = kill(-group, SIGINT) }
    }
}

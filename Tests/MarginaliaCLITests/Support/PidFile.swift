import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The pid files `SyncLab.pidWrapper` writes: how a test reaches a process started deep
/// inside a pipeline or a shell loop.
enum PidFile {
    static func pid(in file: String) throws -> Int32 {
        let text = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = Int32(text) else { throw LabError("no pid in \(file): '\(text)'") }
        return pid
    }

    /// SIGKILLs the process whose pid `file` holds, if one was started and still runs;
    /// returns whether it was running. Then waits until it is gone.
    @discardableResult
    static func kill(pidIn file: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: file) else { return false }
        let pid = try pid(in: file)
        let running = isRunning(pid)
        if running { Glibc.kill(pid, SIGKILL) }
        try waitForExit(ofPidIn: file)
        return running
    }

    /// Waits until the process whose pid `file` holds (if it was started) is gone or a zombie.
    static func waitForExit(ofPidIn file: String) throws {
        guard FileManager.default.fileExists(atPath: file) else { return }
        let pid = try pid(in: file)
        try waitUntil("process \(pid) to exit") { !isRunning(pid) }
    }

    /// Whether `pid` is a live process (not gone, not a zombie).
    private static func isRunning(_ pid: Int32) -> Bool {
        if Glibc.kill(pid, 0) != 0 { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !(stat.isEmpty || stat.split(separator: ")").last?.split(separator: " ").first == "Z")
    }
}

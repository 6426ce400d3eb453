import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program as a child process and measures it as a person at a shell would
/// see it: wall time from spawn to exit, plus the kernel's accounting of that one
/// child (CPU time) from `wait4`.
///
/// Spawned with `posix_spawn` and reaped with `wait4` rather than Foundation's
/// `Process`: on Linux, `Process.waitUntilExit` notices the exit by polling its run
/// loop, which adds milliseconds to commands that take 10 to 20 ms, and `Process`
/// reaps the child itself, so its own resource usage could not be read.
///
/// Peak memory is NOT taken from `wait4`: `posix_spawn` starts the child on this
/// (large) process's address space, and Linux carries that address space's peak into
/// the child's `ru_maxrss` at `exec`. With `measurePeakMemory`, the program runs under
/// `/usr/bin/time -f %M` instead, whose own small process forks the program, and its
/// figure is reported (nil when `/usr/bin/time` is missing).
struct ChildProcess {
    struct Outcome {
        var exitStatus: Int32
        var seconds: Double
        var userSeconds: Double
        var systemSeconds: Double
        /// Peak resident set size in bytes, when asked for and measurable.
        var peakResidentBytes: Int?
    }

    /// Where the child's standard output goes.
    enum Output {
        case discard
        case file(String)
    }

    /// Runs `executable` with `arguments`; standard error goes to `errorFile`.
    static func run(
        _ executable: String, _ arguments: [String], output: Output = .discard, errorFile: String? = nil,
        measurePeakMemory: Bool = false
    ) throws -> Outcome {
        let timeTool = "/usr/bin/time"
        if measurePeakMemory && FileManager.default.isExecutableFile(atPath: timeTool) {
            let report = FileManager.default.temporaryDirectory
                .appendingPathComponent("marginalia-bench-time-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: report) }
            var outcome = try run(
                timeTool, ["-f", "%M", "-o", report, executable] + arguments, output: output, errorFile: errorFile)
            let kilobytes = (try? String(contentsOfFile: report, encoding: .utf8))?
                .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            outcome.peakResidentBytes = kilobytes.map { $0 * 1024 }
            return outcome
        }
        return try start(executable, arguments, output: output, errorFile: errorFile).wait()
    }

    /// A child started by `start`, not yet reaped.
    struct Running {
        let pid: pid_t
        let started: ContinuousClock.Instant

        /// Waits for the child to exit and reaps it.
        func wait() throws -> Outcome {
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) < 0 {
                guard errno == EINTR else { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
            }
            let seconds = Measure.seconds(ContinuousClock.now - started)
            let exited = status & 0x7F == 0
            return Outcome(
                exitStatus: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
                seconds: seconds,
                userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
                systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
                peakResidentBytes: nil)
        }
    }

    /// Starts `executable` and returns at once, for children that must run at the same
    /// time; `run` is this and `wait`.
    static func start(
        _ executable: String, _ arguments: [String], output: Output = .discard, errorFile: String? = nil
    ) throws -> Running {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch output {
        case .discard: posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        posix_spawn_file_actions_addopen(&actions, 2, errorFile ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }

        let started = ContinuousClock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        return Running(pid: pid, started: started)
    }

    /// Runs and fails unless the exit status is 0, quoting standard error.
    static func checked(
        _ executable: String, _ arguments: [String], output: Output = .discard, errorFile: String,
        measurePeakMemory: Bool = false
    ) throws -> Outcome {
        try run(executable, arguments, output: output, errorFile: errorFile, measurePeakMemory: measurePeakMemory)
            .succeeded(executable, arguments, errorFile: errorFile)
    }
}

extension ChildProcess.Outcome {
    /// This outcome, unless the exit status is not 0: then fails, quoting standard error.
    func succeeded(_ executable: String, _ arguments: [String], errorFile: String) throws -> Self {
        guard exitStatus == 0 else {
            let message = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
            throw BenchError(
                "\((executable as NSString).lastPathComponent) \(arguments.joined(separator: " ")) exited with "
                    + "\(exitStatus): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return self
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

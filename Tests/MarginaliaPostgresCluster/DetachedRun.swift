import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program that may leave a server behind (tmux's, PostgreSQL's postmaster) and
/// waits for the program itself, returning its exit status.
///
/// Spawned by hand rather than with `Process`, through bash closing every descriptor but
/// the standard three: a server it starts would otherwise inherit the descriptors
/// Foundation uses to notice a child's exit (this one's, and those of processes other
/// tests start meanwhile) and keep them open forever, so that `waitUntilExit` never
/// returns. Nor may the server inherit this thread's blocked signals: one that cannot see
/// SIGCHLD never stops.
public enum DetachedRun {
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String],
        output: String, errors: String = "/dev/null"
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let closingDescriptors = """
            for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && exec {fd}>&-; done 2>/dev/null
            exec "$@"
            """
        let argv = (["bash", "-c", closingDescriptors, "bash", executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SpawnFailure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    /// `posix_spawn` itself failed.
    public struct SpawnFailure: Error, CustomStringConvertible {
        public let description: String
    }
}

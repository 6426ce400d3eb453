import Foundation

/// A program that takes the terminal over while marginalia waits for it: the pager, the
/// text editor.
///
/// It runs in marginalia's own process group, which is the terminal's foreground group,
/// as git and psql run `less`: a child in a group of its own (as Foundation's `Process`
/// starts one) is stopped by the kernel the moment it reads a key or sets the terminal
/// up, and the screen stays blank. Ctrl-C and Ctrl-\ go to the whole group, so marginalia
/// ignores them until the program ends: they act on the program (`less` drops what it
/// was doing), never end marginalia or its REPL.
struct ForegroundCommand {
    /// How the program ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// The program and its first arguments, as `$PAGER` or `$VISUAL` hold them.
    let command: String
    /// Arguments after the command's own (the file to edit).
    var arguments: [String] = []
    /// The program's environment.
    var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Runs the program, feeds it `input` on its standard input when given (else it reads
    /// the terminal), and waits for it. Throws the `errno` of a start that failed.
    func run(input: [UInt8]? = nil) throws(POSIXError) -> Termination {
        var pipeEnds: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&pipeEnds) == 0 else { throw Self.error(errno) }
            for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        let (reading, writing) = (pipeEnds[0], pipeEnds[1])
        defer { if reading >= 0 { close(reading) } }

        // Whatever marginalia wrote must reach the terminal before the program draws on it.
        fflush(nil)
        let ignoring = IgnoredInterrupts()
        defer { ignoring.restore() }
        let pid: pid_t
        do {
            pid = try spawn(standardInput: input == nil ? nil : reading)
        } catch {
            if writing >= 0 { close(writing) }
            throw error
        }
        if let input {
            close(reading)
            // The program may quit before reading everything (`q` in `less`): the broken
            // pipe that follows is no error (SIGPIPE is ignored, see `MarginaliaMain`).
            input.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(writing, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { break }
                    offset += written
                }
            }
            close(writing)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return .exited(127) }
        }
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }

    /// The words to execute: the command's own words with the arguments appended, or,
    /// when the command holds anything a shell would interpret (quotes, `|`, `$`,
    /// `~`...), `sh -c` with the arguments as `"$@"`, as git starts `$PAGER` and `$EDITOR`.
    var argumentVector: [String] {
        let special = CharacterSet(charactersIn: "|&;<>()$`\\\"'*?[#~=%\t\n")
        if command.rangeOfCharacter(from: special) == nil {
            return command.split(separator: " ").map(String.init) + arguments
        }
        return ["/bin/sh", "-c", command + " \"$@\"", command] + arguments
    }

    private func spawn(standardInput: Int32?) throws(POSIXError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let standardInput { posix_spawn_file_actions_adddup2(&actions, standardInput, STDIN_FILENO) }

        // No POSIX_SPAWN_SETPGROUP: the program stays in this process group. Ctrl-C and
        // Ctrl-\ are its to handle again, and no signal is blocked for it (the thread this
        // runs on may block some).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGQUIT, SIGPIPE] { sigaddset(&defaults, number) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let words = argumentVector
        guard let program = words.first else { throw Self.error(ENOENT) }
        let argv = words.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let failure = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        guard failure == 0 else { throw Self.error(failure) }
        return pid
    }

    private static func error(_ number: Int32) -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: number) ?? .EIO)
    }
}

/// Ctrl-C and Ctrl-\ ignored by marginalia until `restore`, which puts back the
/// handlers there were (the REPL's own Ctrl-C handler, or the default).
private struct IgnoredInterrupts {
    private var saved: [(Int32, sigaction)] = []

    init() {
        for number in [SIGINT, SIGQUIT] {
            var ignore = sigaction()
            ignore.__sigaction_handler.sa_handler = SIG_IGN
            sigemptyset(&ignore.sa_mask)
            var previous = sigaction()
            if sigaction(number, &ignore, &previous) == 0 { saved.append((number, previous)) }
        }
    }

    func restore() {
        for (number, previous) in saved {
            var previous = previous
            sigaction(number, &previous, nil)
        }
    }
}

import Foundation

/// A `marginalia` process serving on loopback (`serve --listen 127.0.0.1:0`, `hub
/// --listen 127.0.0.1:0`) from its start until `stop`: ready once its standard error has
/// said `ready…on 127.0.0.1:PORT`, the port the kernel picked.
final class ServerProcess {
    let process = Process()
    private(set) var port = 0
    /// Where clients sync with it.
    var target: String { "tcp://127.0.0.1:\(port)" }

    /// Starts `marginalia arguments`, its standard error in `log`, and waits until it
    /// prints the line beginning with `ready` (10 s at most).
    init(_ session: Session, _ arguments: [String], log: String, ready: String) throws {
        FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: session.marginalia)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        let address = " on 127.0.0.1:"
        for _ in 0..<500 {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(ready) && $0.contains(address) }),
                let range = line.range(of: address, options: .backwards), let port = Int(line[range.upperBound...])
            {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        stop()
        throw BenchError("`marginalia \(arguments.joined(separator: " "))` did not start: "
            + ((try? String(contentsOfFile: log, encoding: .utf8)) ?? ""))
    }

    /// CPU time (user + system) the process has used so far, from `/proc/PID/stat`.
    var cpuSeconds: Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return .nan }
        // After the command's closing parenthesis: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// SIGTERM, and waits for the process to end.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

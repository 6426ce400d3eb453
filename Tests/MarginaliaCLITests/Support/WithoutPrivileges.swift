import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the binary as an ordinary user would meet file permissions: when the tests run
/// as root (who may write any file), without the capabilities that override them.
enum WithoutPrivileges {
    static func run(_ arguments: [String], in lab: SyncLab) throws -> RunResult {
        let environment = lab.sandbox.environment(lab.environment)
        guard geteuid() == 0 else {
            return try MarginaliaProcess.run(arguments, environment: environment, directory: lab.sandbox.work)
        }
        return try MarginaliaProcess.run(
            ["--bounding-set", "-dac_override,-dac_read_search", SyncLab.binary] + arguments, environment: environment,
            directory: lab.sandbox.work, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
    }
}

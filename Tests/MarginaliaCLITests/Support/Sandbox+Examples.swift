import Foundation

extension Sandbox {
    /// Runs `examples/NAME` with bash, as a reader would, against the binary under test:
    /// `$MARGINALIA` names it, no `$MARGINALIA_DB` is inherited, and `$TMPDIR` is a folder
    /// of this sandbox's own, returned so that a test can check the script left nothing
    /// behind. The folder is open to every user (mode 1777, like /tmp) because a script
    /// may hand part of it to another user, as `hub.sh` does to `postgres` when run as root.
    func runExample(_ name: String, env overrides: [String: String?] = [:]) throws -> (result: RunResult, temporary: URL) {
        let temporary = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: temporary.path)
        var variables: [String: String?] = [
            "MARGINALIA": MarginaliaProcess.binary.path, "MARGINALIA_DB": nil, "TMPDIR": temporary.path,
        ]
        variables.merge(overrides) { _, override in override }
        let script = MarginaliaProcess.packageRoot.appendingPathComponent("examples/\(name)")
        let result = try MarginaliaProcess.run(
            [script.path], environment: environment(variables), directory: work,
            executable: URL(fileURLWithPath: "/bin/bash"))
        return (result, temporary)
    }
}

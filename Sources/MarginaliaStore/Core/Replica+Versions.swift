import GRDB
import GRDBSQLite

extension Replica {
    /// The format of the replica files this build writes (`PRAGMA user_version`).
    public static var formatVersion: Int { Int(Schema.version) }

    /// The version of the SQLite library linked (the system's `libsqlite3`).
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}

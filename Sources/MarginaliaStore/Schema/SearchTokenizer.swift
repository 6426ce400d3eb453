import CMarginaliaSearch
import GRDB

/// The full-text tokenizer of replicas: unicode61 without diacritics, plus "đ" as "d"
/// (see `marginalia_search.h`). Registered on every connection before the indexes are used.
enum SearchTokenizer {
    static func register(in db: Database) throws {
        let code = marginalia_register_tokenizer(db.sqliteConnection)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register the search tokenizer")
        }
    }
}

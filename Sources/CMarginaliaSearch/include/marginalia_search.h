#ifndef MARGINALIA_SEARCH_H
#define MARGINALIA_SEARCH_H

#include <sqlite3.h>

/// Registers the FTS5 tokenizer "marginalia" on `db`: SQLite's unicode61 tokenizer
/// (arguments passed through, e.g. "remove_diacritics 2") with one more folding,
/// "đ"/"Đ" to "d". unicode61 removes diacritics by decomposing letters, and "đ" does
/// not decompose, so without this a reader typing "duong" would not find "Đường".
/// Returns an SQLite result code.
int marginalia_register_tokenizer(sqlite3 *db);

#endif

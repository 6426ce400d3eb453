#ifndef MARGINALIA_SEARCH_H
#define MARGINALIA_SEARCH_H

#include <sqlite3.h>

/// Registers the FTS5 tokenizer "marginalia" on `db`: SQLite's unicode61 tokenizer
/// (arguments passed through, e.g. "remove_diacritics 2") with a few more foldings:
/// "đ", "Đ" and their look-alikes "Ð" (U+00D0, which Vietnamese sites use for "Đ") and
/// "Ɖ" to "d", and "ǡ" to "a". unicode61 removes diacritics by decomposing letters, and
/// these do not decompose (or are missing from its table), so without this a reader
/// typing "duong" would not find "Đường" or "ÐƯỜNG".
/// Returns an SQLite result code.
int marginalia_register_tokenizer(sqlite3 *db);

#endif

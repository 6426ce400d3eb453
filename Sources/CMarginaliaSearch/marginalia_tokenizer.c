// The "marginalia" FTS5 tokenizer: unicode61 plus folding of letters it leaves alone (Vietnamese "đ").
// See include/marginalia_search.h for why.

#include "marginalia_search.h"

#include <string.h>

typedef struct {
    fts5_tokenizer unicode61;  // the wrapped tokenizer's methods
    Fts5Tokenizer *instance;   // the wrapped tokenizer
} FoldingTokenizer;

typedef struct {
    void *context;
    int (*emit)(void *context, int flags, const char *token, int length, int start, int end);
} FoldingCall;

/// The ASCII letter a letter folds to beyond what unicode61 does, or 0. unicode61 removes
/// diacritics by decomposing letters; these do not decompose (or are missing from its
/// table), yet people type them as the base letter. Called on lowercase letters (unicode61
/// folds case first); capitals are listed too for clarity.
///   Đ đ (U+0110/1): the Vietnamese d with stroke.
///   Ð ð (U+00D0/F0): the eth, which Vietnamese sites use for Đ, and its lowercase.
///   Ɖ ɖ (U+0189/0256): the African D, the same glyph as Đ in most fonts.
///   Ǡ ǡ (U+01E0/1): a with dot and macron, which unicode61's table misses.
static char folded_letter(unsigned codepoint) {
    switch (codepoint) {
        case 0x00D0: case 0x00F0: case 0x0110: case 0x0111: case 0x0189: case 0x0256: return 'd';
        case 0x01E0: case 0x01E1: return 'a';
        default: return 0;
    }
}

/// The letter folded from the two-byte UTF-8 sequence at `index`, or 0. Every letter
/// `folded_letter` knows is two bytes long (U+0080..U+07FF).
static char folded_at(const unsigned char *bytes, int index, int length) {
    if ((bytes[index] & 0xE0) != 0xC0 || index + 1 >= length || (bytes[index + 1] & 0xC0) != 0x80) return 0;
    return folded_letter(((bytes[index] & 0x1Fu) << 6) | (bytes[index + 1] & 0x3Fu));
}

static int folding_emit(void *pointer, int flags, const char *token, int length, int start, int end) {
    FoldingCall *call = pointer;
    const unsigned char *bytes = (const unsigned char *)token;
    int found = 0;
    for (int i = 0; i < length && !found; i++) found = folded_at(bytes, i, length) != 0;
    if (!found) return call->emit(call->context, flags, token, length, start, end);

    char local[128];
    char *folded = length <= (int)sizeof local ? local : sqlite3_malloc(length);
    if (folded == NULL) return SQLITE_NOMEM;
    int written = 0;
    for (int i = 0; i < length; i++) {
        char letter = folded_at(bytes, i, length);
        if (letter != 0) {
            folded[written++] = letter;
            i++;
        } else {
            folded[written++] = token[i];
        }
    }
    int rc = call->emit(call->context, flags, folded, written, start, end);
    if (folded != local) sqlite3_free(folded);
    return rc;
}

static int folding_create(void *api_pointer, const char **arguments, int count, Fts5Tokenizer **out) {
    fts5_api *api = api_pointer;
    FoldingTokenizer *tokenizer = sqlite3_malloc(sizeof *tokenizer);
    if (tokenizer == NULL) return SQLITE_NOMEM;
    void *unicode61_context = NULL;
    int rc = api->xFindTokenizer(api, "unicode61", &unicode61_context, &tokenizer->unicode61);
    if (rc == SQLITE_OK) rc = tokenizer->unicode61.xCreate(unicode61_context, arguments, count, &tokenizer->instance);
    if (rc != SQLITE_OK) {
        sqlite3_free(tokenizer);
        return rc;
    }
    *out = (Fts5Tokenizer *)tokenizer;
    return SQLITE_OK;
}

static void folding_delete(Fts5Tokenizer *pointer) {
    FoldingTokenizer *tokenizer = (FoldingTokenizer *)pointer;
    tokenizer->unicode61.xDelete(tokenizer->instance);
    sqlite3_free(tokenizer);
}

static int folding_tokenize(
    Fts5Tokenizer *pointer, void *context, int flags, const char *text, int length,
    int (*emit)(void *, int, const char *, int, int, int)) {
    FoldingTokenizer *tokenizer = (FoldingTokenizer *)pointer;
    FoldingCall call = {context, emit};
    return tokenizer->unicode61.xTokenize(tokenizer->instance, &call, flags, text, length, folding_emit);
}

/// The FTS5 API of `db`, obtained the documented way (SELECT fts5(?1) with a pointer binding).
static fts5_api *fts5_api_of(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return api;
}

int marginalia_register_tokenizer(sqlite3 *db) {
    fts5_api *api = fts5_api_of(db);
    if (api == NULL) return SQLITE_ERROR;
    fts5_tokenizer methods = {folding_create, folding_delete, folding_tokenize};
    return api->xCreateTokenizer(api, "marginalia", api, &methods, NULL);
}

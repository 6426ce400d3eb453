// The REPL's only way to GNU readline. Readline is driven by C globals (rl_*), which
// Swift 6 refuses to touch as shared mutable state; these functions set and read them
// here instead, and keep Swift to plain calls with strings and numbers.
#ifndef MARGINALIA_READLINE_H
#define MARGINALIA_READLINE_H

#pragma clang assume_nonnull begin

/// How a call to marginalia_read_line ended.
typedef enum {
    /// A line was entered.
    MARGINALIA_READ_LINE = 0,
    /// Ctrl-D on an empty line, or the end of input.
    MARGINALIA_READ_END = 1,
    /// Ctrl-C: the line was discarded.
    MARGINALIA_READ_INTERRUPTED = 2,
} marginalia_read_result;

/// Called on Tab with the whole line and the word being completed (`start`..<`end`, in
/// bytes). It answers by calling marginalia_offer_completion for each candidate, or
/// marginalia_offer_filenames where a file name makes sense; offering nothing means no
/// completion (never a fallback to file names).
typedef void (*marginalia_completer)(void *_Nullable context, const char *line, int start, int end);

/// Sets readline up for the session: the application name (for ~/.inputrc), completion,
/// and a Ctrl-C handler of our own (readline's is off) that marginalia_read_line answers
/// by discarding the line, and that otherwise makes marginalia_interrupt_descriptor readable.
void marginalia_readline_start(const char *application, void *_Nullable context, marginalia_completer completer);

/// Reads one line with `prompt` (which may hold colour codes between \001 and \002).
/// On MARGINALIA_READ_LINE, `*line` is a malloc'ed string the caller frees.
marginalia_read_result marginalia_read_line(const char *prompt, char *_Nullable *_Nonnull line);

/// Reads one line as marginalia_read_line does, with a history of its own: the answers
/// to questions asked while a command runs (the `resolve` walk-through), which Up
/// recalls there, kept apart from the commands' history and never written to its file.
/// A line entered is added to it unless blank or the same as the previous answer.
marginalia_read_result marginalia_read_answer(const char *prompt, char *_Nullable *_Nonnull line);

/// A candidate for the word being completed (see marginalia_completer), with what
/// to show beside it when several are listed (an id's title), or NULL.
void marginalia_offer_completion(const char *candidate, const char *_Nullable label);

/// Complete the word being completed as a file name.
void marginalia_offer_filenames(void);

/// A descriptor that becomes readable at each Ctrl-C while no line is being read
/// (a command is running); drain it with marginalia_drain_interrupts.
int marginalia_interrupt_descriptor(void);

/// Forgets the Ctrl-C presses not yet seen.
void marginalia_drain_interrupts(void);

/// Loads the history file at `path` and caps the history at `limit` entries.
/// Returns 0, or an errno value when the file cannot be read.
int marginalia_history_load(const char *path, int limit);

/// Adds `line` to the history (for the up arrow).
void marginalia_history_add(const char *line);

/// The newest history entry, or NULL when there is none.
const char *_Nullable marginalia_history_last(void);

/// Appends the newest `count` entries to the file at `path` (which must exist), then
/// cuts the file to its newest `limit` lines. Returns 0, or an errno value.
int marginalia_history_append(const char *path, int count, int limit);

#pragma clang assume_nonnull end

#endif

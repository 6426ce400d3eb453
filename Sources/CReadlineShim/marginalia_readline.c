#include "marginalia_readline.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

// As in CReadline's header: <stdio.h> first, since readline's headers use FILE.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// State shared with readline's callbacks. Readline is single-threaded and so is the
// REPL's use of it: these are touched only from the thread reading lines.
static void *completer_context;
static marginalia_completer completer;
static char **offered;
static char **offered_labels;
static size_t offered_count;
static size_t offered_capacity;
static int offer_filenames;

static char *entered_line;
static int line_done;

// The self-pipe written by the Ctrl-C handler.
static int interrupt_pipe[2] = {-1, -1};

static void on_interrupt(int signal_number) {
    (void)signal_number;
    int saved = errno;
    char byte = 1;
    ssize_t ignored = write(interrupt_pipe[1], &byte, 1);
    (void)ignored;
    errno = saved;
}

static void forget_offers(void) {
    for (size_t index = 0; index < offered_count; index++) {
        free(offered[index]);
        free(offered_labels[index]);
    }
    offered_count = 0;
    offer_filenames = 0;
}

void marginalia_offer_completion(const char *candidate, const char *label) {
    if (offered_count == offered_capacity) {
        size_t capacity = offered_capacity ? offered_capacity * 2 : 64;
        char **grown = realloc(offered, capacity * sizeof *grown);
        if (grown) offered = grown;
        char **grown_labels = realloc(offered_labels, capacity * sizeof *grown_labels);
        if (grown_labels) offered_labels = grown_labels;
        if (!grown || !grown_labels) return;
        offered_capacity = capacity;
    }
    char *copy = strdup(candidate);
    if (!copy) return;
    offered[offered_count] = copy;
    offered_labels[offered_count] = label ? strdup(label) : NULL;
    offered_count++;
}

static const char *label_of(const char *match) {
    for (size_t index = 0; index < offered_count; index++) {
        if (strcmp(offered[index], match) == 0) return offered_labels[index];
    }
    return NULL;
}

// Several ids listed after a second Tab: one a line with its title or note, since bare
// ids say nothing. Other candidates keep readline's own columns.
static void display_matches(char **matches, int count, int longest) {
    int labelled = 0;
    for (int index = 1; index <= count; index++) labelled |= label_of(matches[index]) != NULL;
    if (!labelled) {
        rl_display_match_list(matches, count, longest);
    } else {
        FILE *out = rl_outstream ? rl_outstream : stdout;
        rl_crlf();
        for (int index = 1; index <= count; index++) {
            const char *label = label_of(matches[index]);
            fprintf(out, "%s%s%s", matches[index], label ? "  " : "", label ? label : "");
            rl_crlf();
        }
    }
    rl_forced_update_display();
}

void marginalia_offer_filenames(void) {
    offer_filenames = 1;
}

// readline's generator protocol: state 0 starts over; return malloc'ed matches, then NULL.
static char *next_offer(const char *text, int state) {
    static size_t next;
    (void)text;
    if (state == 0) next = 0;
    return next < offered_count ? strdup(offered[next++]) : NULL;
}

static char **attempt_completion(const char *text, int start, int end) {
    forget_offers();
    completer(completer_context, rl_line_buffer, start, end);
    if (offer_filenames && offered_count == 0) {
        rl_attempted_completion_over = 0;  // readline's own file name completion
        return NULL;
    }
    rl_attempted_completion_over = 1;  // never fall back to file names
    if (offered_count == 0) return NULL;
    char **matches = rl_completion_matches(text, next_offer);
    // Candidates found by a title word do not start with the word typed: keep the
    // typed word when they share less of it than was typed, rather than erase it.
    if (matches && matches[1] && strncmp(matches[0], text, strlen(text)) != 0) {
        free(matches[0]);
        matches[0] = strdup(text);
    }
    return matches;
}

static void accept_line(char *line) {
    entered_line = line;
    line_done = 1;
    // Removing the handler here restores the terminal before the command runs.
    rl_callback_handler_remove();
}

void marginalia_readline_start(const char *application, void *context, marginalia_completer function) {
    rl_readline_name = strdup(application);
    completer_context = context;
    completer = function;
    rl_attempted_completion_function = attempt_completion;
    rl_completion_display_matches_hook = display_matches;
    rl_basic_word_break_characters = " \t\n;";
    rl_completer_quote_characters = "\"'";
    rl_catch_signals = 0;

    if (pipe(interrupt_pipe) == 0) {
        for (int index = 0; index < 2; index++) {
            fcntl(interrupt_pipe[index], F_SETFL, fcntl(interrupt_pipe[index], F_GETFL) | O_NONBLOCK);
            fcntl(interrupt_pipe[index], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
}

int marginalia_interrupt_descriptor(void) {
    return interrupt_pipe[0];
}

void marginalia_drain_interrupts(void) {
    char buffer[64];
    while (read(interrupt_pipe[0], buffer, sizeof buffer) > 0) {}
}

marginalia_read_result marginalia_read_line(const char *prompt, char **line) {
    *line = NULL;
    entered_line = NULL;
    line_done = 0;
    marginalia_drain_interrupts();
    fflush(stdout);
    rl_callback_handler_install(prompt, accept_line);
    int input = fileno(rl_instream ? rl_instream : stdin);
    while (!line_done) {
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(input, &readable);
        FD_SET(interrupt_pipe[0], &readable);
        int highest = input > interrupt_pipe[0] ? input : interrupt_pipe[0];
        if (select(highest + 1, &readable, NULL, NULL, NULL) < 0) {
            if (errno == EINTR) continue;
            rl_callback_handler_remove();
            return MARGINALIA_READ_END;
        }
        if (FD_ISSET(interrupt_pipe[0], &readable)) {
            marginalia_drain_interrupts();
            // Ctrl-C: leave what was typed visible, with ^C after it, and drop it.
            rl_point = rl_end;
            rl_redisplay();
            fputs("^C", rl_outstream ? rl_outstream : stdout);
            rl_crlf();
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_replace_line("", 0);
            rl_callback_handler_remove();
            return MARGINALIA_READ_INTERRUPTED;
        }
        if (FD_ISSET(input, &readable)) rl_callback_read_char();
    }
    if (!entered_line) return MARGINALIA_READ_END;
    *line = entered_line;
    return MARGINALIA_READ_LINE;
}

// The answers' history while the commands' is readline's, and the other way round
// while an answer is read (see swap_history).
static HISTORY_STATE *other_history;
static int other_history_base = 1;

// Makes the history kept aside readline's, and keeps readline's aside instead.
static void swap_history(void) {
    HISTORY_STATE *current = history_get_history_state();
    int current_base = history_base;
    if (other_history) {
        history_set_history_state(other_history);
        free(other_history);
    } else {
        HISTORY_STATE empty;
        memset(&empty, 0, sizeof empty);
        history_set_history_state(&empty);
    }
    history_base = other_history_base;
    other_history = current;
    other_history_base = current_base;
}

marginalia_read_result marginalia_read_answer(const char *prompt, char **line) {
    swap_history();
    marginalia_read_result result = marginalia_read_line(prompt, line);
    if (result == MARGINALIA_READ_LINE && *line && strspn(*line, " \t") < strlen(*line)) {
        const char *last = marginalia_history_last();
        if (!last || strcmp(last, *line) != 0) add_history(*line);
    }
    swap_history();
    return result;
}

int marginalia_history_load(const char *path, int limit) {
    using_history();
    stifle_history(limit);
    int error = read_history(path);
    return error == ENOENT ? 0 : error;
}

void marginalia_history_add(const char *line) {
    add_history(line);
}

const char *marginalia_history_last(void) {
    HIST_ENTRY *entry = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    return entry ? entry->line : NULL;
}

int marginalia_history_append(const char *path, int count, int limit) {
    int error = append_history(count, path);
    if (error) return error;
    return history_truncate_file(path, limit);
}

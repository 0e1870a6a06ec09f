#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift can't assign to readline's function-pointer globals portably; these setters can.
static inline void sluice_rl_set_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

static inline void sluice_rl_disable_filename_completion(void) {
    rl_attempted_completion_over = 1;
}

static inline void sluice_rl_set_word_breaks(const char *breaks) {
    rl_basic_word_break_characters = (char *)breaks;
}

static inline void sluice_rl_set_name(const char *name) {
    rl_readline_name = name;
}

/* Timestamps in the history file, so an entry may span lines and is read back whole. */
static inline void sluice_rl_keep_multiline_history(void) {
    history_write_timestamps = 1;
    history_multiline_entries = 1;
}

static inline const char *sluice_rl_line_buffer(void) {
    return rl_line_buffer;
}

// Sluice reads lines through readline's callback interface and handles SIGINT itself, so readline
// must not install its own SIGINT/SIGTERM handlers (it still follows window size changes).
static inline void sluice_rl_set_catch_signals(int on) {
    rl_catch_signals = on;
}

#ifndef WEIR_CREADLINE_SHIM_H
#define WEIR_CREADLINE_SHIM_H
// readline's headers use FILE without including <stdio.h> themselves.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Readline's settings are C globals; Swift 6 reaches them through these functions.
static inline void weir_rl_setup(const char *name, rl_completion_func_t *complete, rl_hook_func_t *on_signal) {
    rl_readline_name = name;
    rl_attempted_completion_function = complete;
    rl_signal_event_hook = on_signal;
    // Also polled while waiting for a key (every 0.1 s), so a Ctrl-C that arrived while
    // readline was not blocked in read() is still seen.
    rl_event_hook = on_signal;
    // weir handles SIGINT itself: Ctrl-C drops the line at the prompt, cancels a running query.
    rl_catch_signals = 0;
    // Not the backslash: `\\de<Tab>` completes the meta command `\\describe`.
    rl_basic_word_break_characters = " \t\n\"'`@$><=;|&{(,";
}

/// The whole line being edited, for completions that depend on what came before the word.
static inline const char *weir_rl_line(void) { return rl_line_buffer ? rl_line_buffer : ""; }

static inline void weir_rl_no_filename_completion(void) { rl_attempted_completion_over = 1; }

/// Drops the line being edited and starts a fresh one under `prompt` (Ctrl-C at the prompt).
static inline void weir_rl_reset_line(const char *prompt) {
    rl_replace_line("", 0);
    rl_set_prompt(prompt);
    fputs("\n", rl_outstream ? rl_outstream : stdout);
    fflush(rl_outstream ? rl_outstream : stdout);
    rl_on_new_line();
    rl_redisplay();
}
/// Makes readline return the line as it is (a stop signal at the prompt).
static inline void weir_rl_done(void) { rl_done = 1; }
#endif

// readline's functions and settings that weir uses, forwarding to libreadline.so.8 opened when
// the shell starts.
#include "weir_readline.h"
#include "weir_dynamic_library.h"

static weir_library readline_library = {"libreadline.so.8", "libreadline8", 0, 0, 0};

const char *weir_readline_open(void) { return weir_library_open(&readline_library); }

WEIR_FORWARD(readline_library, char *, readline, (const char *prompt), (prompt))
WEIR_FORWARD_VOID(readline_library, add_history, (const char *line), (line))
WEIR_FORWARD(readline_library, int, append_history, (int count, const char *path), (count, path))
WEIR_FORWARD(readline_library, int, read_history, (const char *path), (path))
WEIR_FORWARD(readline_library, char **, rl_completion_matches, (const char *text, rl_compentry_func_t *generator), (text, generator))
WEIR_FORWARD_VOID(readline_library, rl_replace_line, (const char *text, int clear_undo), (text, clear_undo))
WEIR_FORWARD(readline_library, int, rl_set_prompt, (const char *prompt), (prompt))
WEIR_FORWARD(readline_library, int, rl_on_new_line, (void), ())
WEIR_FORWARD_VOID(readline_library, rl_redisplay, (void), ())

/// The address of readline's global `name`, whose type is `type`.
#define RL_GLOBAL(type, name) (*(__typeof__(type) *)weir_library_symbol(&readline_library, #name))

void weir_rl_setup(const char *name, rl_completion_func_t *complete, rl_hook_func_t *on_signal) {
    RL_GLOBAL(const char *, rl_readline_name) = name;
    RL_GLOBAL(rl_completion_func_t *, rl_attempted_completion_function) = complete;
    RL_GLOBAL(rl_hook_func_t *, rl_signal_event_hook) = on_signal;
    // Also polled while waiting for a key (every 0.1 s), so a Ctrl-C that arrived while
    // readline was not blocked in read() is still seen.
    RL_GLOBAL(rl_hook_func_t *, rl_event_hook) = on_signal;
    // weir handles SIGINT itself: Ctrl-C drops the line at the prompt, cancels a running query.
    RL_GLOBAL(int, rl_catch_signals) = 0;
    // Not the backslash: `\\de<Tab>` completes the meta command `\\describe`.
    RL_GLOBAL(const char *, rl_basic_word_break_characters) = " \t\n\"'`@$><=;|&{(,";
}

const char *weir_rl_line(void) {
    const char *line = RL_GLOBAL(char *, rl_line_buffer);
    return line ? line : "";
}

void weir_rl_no_filename_completion(void) { RL_GLOBAL(int, rl_attempted_completion_over) = 1; }

void weir_rl_reset_line(const char *prompt) {
    rl_replace_line("", 0);
    rl_set_prompt(prompt);
    FILE *out = RL_GLOBAL(FILE *, rl_outstream);
    fputs("\n", out ? out : stdout);
    fflush(out ? out : stdout);
    rl_on_new_line();
    rl_redisplay();
}

void weir_rl_done(void) { RL_GLOBAL(int, rl_done) = 1; }

#ifndef WEIR_READLINE_H
#define WEIR_READLINE_H
// GNU readline's headers (Debian's libreadline-dev; they use FILE without including <stdio.h>).
// The functions weir calls are defined in readline.c, which opens libreadline.so.8 when the
// shell starts (see weir_dynamic_library.h): linked, its relocation cost every run, the shell or
// not, 0.5M start-up instructions.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Opens readline; NULL when it is open, else why not. Call before any other readline function.
const char *weir_readline_open(void);

/// Readline's settings are C globals; Swift 6 reaches them through these functions.
void weir_rl_setup(const char *name, rl_completion_func_t *complete, rl_hook_func_t *on_signal);
/// The whole line being edited, for completions that depend on what came before the word.
const char *weir_rl_line(void);
void weir_rl_no_filename_completion(void);
/// Drops the line being edited and starts a fresh one under `prompt` (Ctrl-C at the prompt).
void weir_rl_reset_line(const char *prompt);
/// Makes readline return the line as it is (a stop signal at the prompt).
void weir_rl_done(void);
#endif

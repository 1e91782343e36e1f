#ifndef WEIR_DYNAMIC_LIBRARY_H
#define WEIR_DYNAMIC_LIBRARY_H
#include <stddef.h>

/// A shared library opened on first use instead of linked: the database clients pull in some
/// thirty libraries (TLS, Kerberos, LDAP) whose relocation took 14M of weir's 31M start-up
/// instructions, in every run, including the many that never touch a database.
typedef struct {
    const char *soname;     /// what `dlopen` is given, e.g. "libpq.so.5"
    const char *package;    /// the Debian package that installs it, for the error message
    void *handle;           /// set once opened; guarded by `once`
    const char *error;      /// why it could not be opened, or NULL
    int once;               /// 0 until `weir_library_open` has run
} weir_library;

/// Opens `library` once (thread-safe); returns NULL when it is open, else a message.
const char *weir_library_open(weir_library *library);

/// The address of `name` in `library`, which must be open; aborts with a message otherwise
/// (only a caller that skipped `weir_library_open` can get here).
void *weir_library_symbol(weir_library *library, const char *name);

/// Defines `name` with the signature the client's header declares, forwarding to the
/// library's own: callers keep calling the client's API by its names. The address is looked up
/// once and kept (a race looks it up twice and stores the same value).
#define WEIR_RESOLVE(library, name)                                                       \
    static __typeof__(&name) real;                                                        \
    __typeof__(&name) f = __atomic_load_n(&real, __ATOMIC_ACQUIRE);                       \
    if (!f) {                                                                             \
        f = (__typeof__(&name))weir_library_symbol(&library, #name);                      \
        __atomic_store_n(&real, f, __ATOMIC_RELEASE);                                     \
    }
#define WEIR_FORWARD(library, ret, name, params, args)                                    \
    ret name params {                                                                     \
        WEIR_RESOLVE(library, name)                                                       \
        return f args;                                                                    \
    }
#define WEIR_FORWARD_VOID(library, name, params, args)                                    \
    void name params {                                                                    \
        WEIR_RESOLVE(library, name)                                                       \
        f args;                                                                           \
    }
#endif

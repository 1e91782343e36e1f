#ifndef WEIR_SQLITE_H
#define WEIR_SQLITE_H
// SQLite's own header (Debian's libsqlite3-dev); the functions weir calls are defined in
// sqlite.c, which opens libsqlite3.so.0 on first use (see weir_dynamic_library.h): linked, its
// relocation cost every run 1.06M start-up instructions.
#include <sqlite3.h>

/// Opens SQLite; NULL when it is open, else why not. Call before any other sqlite3 function.
const char *weir_sqlite_open(void);

// SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift cannot import.
static inline void weir_sqlite3_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
    sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}
#endif

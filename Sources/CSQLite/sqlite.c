// SQLite's functions that weir calls, each forwarding to libsqlite3.so.0 opened on first use.
#include "weir_sqlite.h"
#include "weir_dynamic_library.h"

static weir_library sqlite = {"libsqlite3.so.0", "libsqlite3-0", 0, 0, 0};

const char *weir_sqlite_open(void) { return weir_library_open(&sqlite); }

WEIR_FORWARD(sqlite, int, sqlite3_open_v2, (const char *filename, sqlite3 **db, int flags, const char *vfs), (filename, db, flags, vfs))
WEIR_FORWARD(sqlite, int, sqlite3_close, (sqlite3 *db), (db))
WEIR_FORWARD(sqlite, int, sqlite3_close_v2, (sqlite3 *db), (db))
WEIR_FORWARD(sqlite, int, sqlite3_busy_timeout, (sqlite3 *db, int ms), (db, ms))
WEIR_FORWARD(sqlite, int, sqlite3_exec,
             (sqlite3 *db, const char *sql, int (*callback)(void *, int, char **, char **), void *argument, char **error),
             (db, sql, callback, argument, error))
WEIR_FORWARD_VOID(sqlite, sqlite3_free, (void *pointer), (pointer))
WEIR_FORWARD(sqlite, const char *, sqlite3_errmsg, (sqlite3 *db), (db))
WEIR_FORWARD(sqlite, int, sqlite3_errcode, (sqlite3 *db), (db))
WEIR_FORWARD(sqlite, int, sqlite3_changes, (sqlite3 *db), (db))
WEIR_FORWARD(sqlite, int, sqlite3_prepare_v2,
             (sqlite3 *db, const char *sql, int bytes, sqlite3_stmt **statement, const char **tail),
             (db, sql, bytes, statement, tail))
WEIR_FORWARD(sqlite, int, sqlite3_step, (sqlite3_stmt *statement), (statement))
WEIR_FORWARD(sqlite, int, sqlite3_reset, (sqlite3_stmt *statement), (statement))
WEIR_FORWARD(sqlite, int, sqlite3_finalize, (sqlite3_stmt *statement), (statement))
WEIR_FORWARD(sqlite, int, sqlite3_bind_parameter_count, (sqlite3_stmt *statement), (statement))
WEIR_FORWARD(sqlite, int, sqlite3_bind_null, (sqlite3_stmt *statement, int index), (statement, index))
WEIR_FORWARD(sqlite, int, sqlite3_bind_int64, (sqlite3_stmt *statement, int index, sqlite3_int64 value), (statement, index, value))
WEIR_FORWARD(sqlite, int, sqlite3_bind_double, (sqlite3_stmt *statement, int index, double value), (statement, index, value))
WEIR_FORWARD(sqlite, int, sqlite3_bind_text,
             (sqlite3_stmt *statement, int index, const char *text, int bytes, void (*destructor)(void *)),
             (statement, index, text, bytes, destructor))
WEIR_FORWARD(sqlite, int, sqlite3_column_count, (sqlite3_stmt *statement), (statement))
WEIR_FORWARD(sqlite, int, sqlite3_column_type, (sqlite3_stmt *statement, int column), (statement, column))
WEIR_FORWARD(sqlite, int, sqlite3_column_bytes, (sqlite3_stmt *statement, int column), (statement, column))
WEIR_FORWARD(sqlite, sqlite3_int64, sqlite3_column_int64, (sqlite3_stmt *statement, int column), (statement, column))
WEIR_FORWARD(sqlite, double, sqlite3_column_double, (sqlite3_stmt *statement, int column), (statement, column))
WEIR_FORWARD(sqlite, const unsigned char *, sqlite3_column_text, (sqlite3_stmt *statement, int column), (statement, column))

#ifndef WEIR_MARIADB_H
#define WEIR_MARIADB_H
// MariaDB Connector/C's headers (Debian's libmariadb-dev), which speaks MySQL's protocol too;
// the functions are defined in mariadb.c, which opens libmariadb.so.3 on first use.
#include <mariadb/mysql.h>
#include <mariadb/errmsg.h>
#include <mariadb/mysqld_error.h>

/// Opens the client library; NULL when it is open, else why not. Call before any mysql_ function.
const char *weir_mariadb_open(void);
#endif

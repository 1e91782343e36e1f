#ifndef WEIR_CMARIADB_SHIM_H
#define WEIR_CMARIADB_SHIM_H
// MariaDB Connector/C (Debian's libmariadb-dev), which speaks MySQL's protocol too.
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#endif

// MariaDB Connector/C's functions that weir calls, each forwarding to libmariadb.so.3 opened on
// first use.
#include "weir_mariadb.h"
#include "weir_dynamic_library.h"

static weir_library mariadb = {"libmariadb.so.3", "libmariadb3", 0, 0, 0};

const char *weir_mariadb_open(void) { return weir_library_open(&mariadb); }

WEIR_FORWARD(mariadb, MYSQL *, mysql_init, (MYSQL *mysql), (mysql))
WEIR_FORWARD(mariadb, int, mysql_options, (MYSQL *mysql, enum mysql_option option, const void *arg), (mysql, option, arg))
WEIR_FORWARD(mariadb, MYSQL *, mysql_real_connect,
             (MYSQL *mysql, const char *host, const char *user, const char *passwd, const char *db,
              unsigned int port, const char *unix_socket, unsigned long clientflag),
             (mysql, host, user, passwd, db, port, unix_socket, clientflag))
WEIR_FORWARD_VOID(mariadb, mysql_close, (MYSQL *sock), (sock))
WEIR_FORWARD(mariadb, const char *, mysql_error, (MYSQL *mysql), (mysql))
WEIR_FORWARD(mariadb, unsigned int, mysql_errno, (MYSQL *mysql), (mysql))
WEIR_FORWARD(mariadb, int, mysql_real_query, (MYSQL *mysql, const char *q, unsigned long length), (mysql, q, length))
WEIR_FORWARD(mariadb, unsigned long, mysql_real_escape_string,
             (MYSQL *mysql, char *to, const char *from, unsigned long length), (mysql, to, from, length))
WEIR_FORWARD(mariadb, MYSQL_RES *, mysql_use_result, (MYSQL *mysql), (mysql))
WEIR_FORWARD(mariadb, MYSQL_RES *, mysql_store_result, (MYSQL *mysql), (mysql))
WEIR_FORWARD(mariadb, unsigned int, mysql_field_count, (MYSQL *mysql), (mysql))
WEIR_FORWARD(mariadb, unsigned int, mysql_num_fields, (MYSQL_RES *res), (res))
WEIR_FORWARD(mariadb, MYSQL_ROW, mysql_fetch_row, (MYSQL_RES *result), (result))
WEIR_FORWARD(mariadb, unsigned long *, mysql_fetch_lengths, (MYSQL_RES *result), (result))
WEIR_FORWARD_VOID(mariadb, mysql_free_result, (MYSQL_RES *result), (result))

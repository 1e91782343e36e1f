// libpq's functions that weir calls, each forwarding to libpq.so.5 opened on first use.
#include "weir_libpq.h"
#include "weir_dynamic_library.h"

static weir_library libpq = {"libpq.so.5", "libpq5", 0, 0, 0};

const char *weir_libpq_open(void) { return weir_library_open(&libpq); }

WEIR_FORWARD(libpq, PGconn *, PQconnectdb, (const char *conninfo), (conninfo))
WEIR_FORWARD_VOID(libpq, PQfinish, (PGconn *conn), (conn))
WEIR_FORWARD_VOID(libpq, PQreset, (PGconn *conn), (conn))
WEIR_FORWARD(libpq, ConnStatusType, PQstatus, (const PGconn *conn), (conn))
WEIR_FORWARD(libpq, char *, PQerrorMessage, (const PGconn *conn), (conn))
WEIR_FORWARD(libpq, PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))
WEIR_FORWARD(libpq, PGresult *, PQexecParams,
             (PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
              const char *const *paramValues, const int *paramLengths, const int *paramFormats,
              int resultFormat),
             (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))
WEIR_FORWARD(libpq, PGresult *, PQgetResult, (PGconn *conn), (conn))
WEIR_FORWARD(libpq, int, PQgetCopyData, (PGconn *conn, char **buffer, int async), (conn, buffer, async))
WEIR_FORWARD_VOID(libpq, PQfreemem, (void *ptr), (ptr))
WEIR_FORWARD_VOID(libpq, PQclear, (PGresult *res), (res))
WEIR_FORWARD(libpq, ExecStatusType, PQresultStatus, (const PGresult *res), (res))
WEIR_FORWARD(libpq, char *, PQresultErrorMessage, (const PGresult *res), (res))
WEIR_FORWARD(libpq, char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))
WEIR_FORWARD(libpq, int, PQntuples, (const PGresult *res), (res))
WEIR_FORWARD(libpq, int, PQnfields, (const PGresult *res), (res))
WEIR_FORWARD(libpq, char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
WEIR_FORWARD(libpq, int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))

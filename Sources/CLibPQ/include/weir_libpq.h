#ifndef WEIR_LIBPQ_H
#define WEIR_LIBPQ_H
// libpq's own header (Debian's libpq-dev); the functions are defined in libpq.c, which opens
// libpq.so.5 on first use (see weir_dynamic_library.h).
#include <postgresql/libpq-fe.h>

/// Opens libpq; NULL when it is open, else why not. Call before any other PQ function.
const char *weir_libpq_open(void);
#endif

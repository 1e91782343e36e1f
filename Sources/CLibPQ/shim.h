#ifndef WEIR_CLIBPQ_SHIM_H
#define WEIR_CLIBPQ_SHIM_H
// Debian installs libpq's headers under postgresql/ (pkg-config libpq adds that directory).
#include <libpq-fe.h>
#endif

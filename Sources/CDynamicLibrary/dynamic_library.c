#include "weir_dynamic_library.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char message[512];

const char *weir_library_open(weir_library *library) {
    pthread_mutex_lock(&lock);
    if (!library->once) {
        library->once = 1;
        library->handle = dlopen(library->soname, RTLD_NOW | RTLD_LOCAL);
        if (!library->handle) {
            const char *why = dlerror();
            snprintf(message, sizeof message, "cannot load %s (install the Debian package %s): %s",
                     library->soname, library->package, why ? why : "unknown error");
            library->error = message;
        }
    }
    const char *error = library->error;
    pthread_mutex_unlock(&lock);
    return error;
}

void *weir_library_symbol(weir_library *library, const char *name) {
    void *symbol = library->handle ? dlsym(library->handle, name) : NULL;
    if (!symbol) {
        fprintf(stderr, "weir: %s has no %s (was it opened?)\n", library->soname, name);
        abort();
    }
    return symbol;
}

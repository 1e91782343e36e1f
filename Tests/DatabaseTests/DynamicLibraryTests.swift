import CDynamicLibrary
import Glibc
import Testing

/// The PostgreSQL and MariaDB clients are opened on first use, not linked (CDynamicLibrary).
@Suite("Database clients opened on first use")
struct DynamicLibraryTests {
    @Test("a client library that is not installed is named with the package that installs it")
    func missingLibrary() {
        // The struct keeps the names' addresses, so they must outlive it (as the C targets' statics do).
        let soname = strdup("libweir-absent.so.9"), package = strdup("weir-absent9")
        defer { free(soname); free(package) }
        var library = weir_library(soname: soname, package: package, handle: nil, error: nil, once: 0)
        let first = weir_library_open(&library).map { String(cString: $0) }
        #expect(first?.hasPrefix("cannot load libweir-absent.so.9 (install the Debian package weir-absent9): ") == true)
        // Asked again, it answers the same without trying again.
        #expect(weir_library_open(&library).map { String(cString: $0) } == first)
    }

    @Test("an installed client library opens once")
    func installedLibrary() {
        let soname = strdup("libpq.so.5"), package = strdup("libpq5")
        defer { free(soname); free(package) }
        var library = weir_library(soname: soname, package: package, handle: nil, error: nil, once: 0)
        #expect(weir_library_open(&library) == nil)
        #expect(weir_library_open(&library) == nil)
        #expect(weir_library_symbol(&library, "PQconnectdb") != nil)
    }
}

// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "weir",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "weir", targets: ["weir"]),
        .executable(name: "weir-gen", targets: ["weir-gen"]),
        // The engine without the command line, for the in-process benchmarks in scripts/benchmarks.
        .library(name: "WeirEngine", targets: ["SQLSyntax", "QueryPlanner", "StreamRuntime", "WeirKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Tests only: arbitrary-precision integers, the reference model of DECIMAL arithmetic.
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
    ],
    targets: [
        .target(name: "SQLSyntax"),
        .target(name: "QueryPlanner", dependencies: ["SQLSyntax"]),
        .target(
            name: "StreamRuntime",
            dependencies: ["SQLSyntax", "QueryPlanner"],
            // The operators own their state and never hand out overlapping accesses; the dynamic
            // exclusivity checks cost a tenth of the hot path (measured with perf).
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(
            name: "WeirKit",
            dependencies: ["SQLSyntax", "QueryPlanner", "StreamRuntime", "CSQLite", "CLibPQ", "CMariaDB"],
            // The sinks' buffers are on the hot path of every result row (as StreamRuntime).
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // Opened when the shell starts, not linked (the other runs skip its relocation).
        .target(name: "CReadline", dependencies: ["CDynamicLibrary"], cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // The databases' own C client libraries (Debian's libsqlite3-dev, libpq-dev and
        // libmariadb-dev): no package to build, and the clients every other tool on the machine
        // uses. Each is opened on first use (CDynamicLibrary), not linked: the PostgreSQL and
        // MariaDB clients' dependencies cost every run 14M start-up instructions, SQLite 1.1M.
        .target(name: "CSQLite", dependencies: ["CDynamicLibrary"], cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // DWARF 4 like the Swift code's, which valgrind (callgrind counts) can read.
        .target(name: "CDynamicLibrary", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        .target(name: "CLibPQ", dependencies: ["CDynamicLibrary"], cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        .target(name: "CMariaDB", dependencies: ["CDynamicLibrary"], cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        .executableTarget(
            name: "weir",
            dependencies: [
                "WeirKit", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime linked in: the release binary runs on a machine without Swift,
            // and starts with a quarter fewer instructions (no symbol lookups into its libraries).
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-l_FoundationCShims", "-l_FoundationCollections"], .when(configuration: .release))]
        ),
        // A deterministic click-stream generator for benchmarks.
        .executableTarget(name: "weir-gen", dependencies: ["QueryPlanner", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "SQLSyntaxTests", dependencies: ["SQLSyntax"]),
        .testTarget(name: "QueryPlannerTests", dependencies: ["QueryPlanner"]),
        .testTarget(name: "StreamRuntimeTests", dependencies: ["StreamRuntime", .product(name: "BigInt", package: "BigInt")]),
        .testTarget(name: "WeirKitTests", dependencies: ["WeirKit"]),
        // Sinks and sources against real databases: SQLite files and private PostgreSQL servers.
        .testTarget(name: "DatabaseTests", dependencies: ["WeirKit", "CDynamicLibrary"]),
        .testTarget(name: "GoldenTests", dependencies: ["WeirKit"], exclude: ["Conformance", "Changelog"]),
        // Drives the built `weir` binary through a pseudo-terminal.
        .testTarget(name: "ShellTests", dependencies: ["weir", "weir-gen"]),
    ],
    swiftLanguageModes: [.v6]
)

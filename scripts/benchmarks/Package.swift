// swift-tools-version: 6.1
// In-process throughput of weir's decoder and operators (ordo-one/benchmark). A package of its
// own, so that the project's build and tests never compile the benchmark tooling.
//
//   cd scripts/benchmarks && swift package --allow-writing-to-package-directory benchmark
import PackageDescription

let package = Package(
    name: "weir-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "weir"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Throughput",
            dependencies: [
                .product(name: "WeirEngine", package: "weir"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Throughput",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

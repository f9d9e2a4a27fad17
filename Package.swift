// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Fetcher",
    products: [
        .library(name: "Fetcher", targets: ["Fetcher"]),
        .library(name: "FetcherTesting", targets: ["FetcherTesting"]),
        .executable(name: "fetcher", targets: ["FetcherCLI"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CTLS",
            pkgConfig: "libssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "Fetcher", dependencies: ["CCurl", "CCrypto"]),
        .target(name: "FetcherTesting", dependencies: ["Fetcher", "CCrypto", "CTLS"]),
        .executableTarget(name: "FetcherCLI", dependencies: ["Fetcher", "FetcherTesting"]),
        .executableTarget(
            name: "FetcherBenchmark",
            dependencies: ["Fetcher"],
            path: "Benchmarks/FetcherBenchmark"
        ),
        .testTarget(name: "FetcherTests", dependencies: ["Fetcher", "FetcherTesting"]),
    ],
    swiftLanguageModes: [.v6]
)

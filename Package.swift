// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "llmops",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "llmops", targets: ["llmops"]),
        .executable(name: "llmops-mock-upstream", targets: ["MockUpstreamServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // Domain types, store protocols, errors. Foundation only.
        .target(name: "OpsCore"),
        // In-process models: GGUF/safetensors readers, tokenizers, kernels, BERT and Llama.
        // OpenBLAS's CBLAS (Debian's libopenblas-dev) and the AVX2 quantized dot products.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas"),
        .target(name: "CLocalKernels", cSettings: [.unsafeFlags(["-O3"])]),
        // The kernels are optimized even in debug builds: unoptimized inference would make the
        // model tests (and `make run` in debug) orders of magnitude slower.
        .target(name: "OpsLocalModels", dependencies: ["OpsCore", "CBLAS", "CLocalKernels"],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Evaluation metrics and (later) experiments.
        .target(name: "OpsEval", dependencies: ["OpsCore"]),
        // Upstream clients (OpenAI-compatible, Anthropic) and SSE.
        .target(name: "OpsProviders", dependencies: [
            "OpsCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // Routing, pricing, cost.
        .target(name: "OpsGateway", dependencies: ["OpsCore"]),
        // Trace recorder (bounded queue, group commit) and metrics.
        .target(name: "OpsTelemetry", dependencies: [
            "OpsCore",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .target(name: "OpsSQLite", dependencies: [
            "OpsCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "OpsPostgres", dependencies: [
            "OpsCore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "OpsServer", dependencies: [
            "OpsCore", "OpsProviders", "OpsGateway", "OpsTelemetry", "OpsSQLite", "OpsPostgres",
            "OpsLocalModels", "OpsEval",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // In-memory stores, fake clock, mock upstream, store contract suite.
        .target(name: "OpsTesting", dependencies: [
            "OpsCore",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .executableTarget(name: "MockUpstreamServer", dependencies: [
            "OpsTesting", "OpsProviders", "OpsTelemetry",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // `make bench-store`: batched trace writes per second into SQLite (and PostgreSQL when configured).
        .executableTarget(name: "StoreBench", dependencies: ["OpsSQLite", "OpsPostgres", "OpsCore", "OpsTelemetry"]),
        // `make bench-gateway-core`: routing, exact and semantic cache lookups.
        .executableTarget(name: "GatewayCoreBench", dependencies: ["OpsGateway", "OpsCore"]),
        .executableTarget(name: "llmops", dependencies: [
            "OpsServer", "OpsCore", "OpsEval", "OpsGateway", "OpsProviders", "OpsTelemetry",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "OpsCoreTests", dependencies: ["OpsCore"]),
        .testTarget(name: "OpsServerTests", dependencies: [
            "OpsServer", "OpsTesting", "OpsCore", "OpsTelemetry", "OpsGateway",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "OpsSQLiteTests", dependencies: [
            "OpsSQLite", "OpsTesting", "OpsCore", "OpsTelemetry", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "OpsPostgresTests", dependencies: [
            "OpsPostgres", "OpsTesting", "OpsCore", .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .testTarget(name: "OpsTestingTests", dependencies: ["OpsTesting", "OpsCore"]),
        .testTarget(name: "OpsGatewayTests", dependencies: ["OpsGateway", "OpsCore"]),
        .testTarget(name: "OpsTelemetryTests", dependencies: [
            "OpsTelemetry", "OpsCore", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "OpsProvidersTests", dependencies: [
            "OpsProviders", "OpsCore", "OpsTesting",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "OpsLocalModelsTests", dependencies: ["OpsLocalModels", "OpsCore"], exclude: ["Fixtures"]),
        .testTarget(name: "OpsEvalTests", dependencies: ["OpsEval", "OpsCore"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)

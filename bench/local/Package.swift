// swift-tools-version:6.1
// A separate package for the by-hand local-model benchmark (`make bench-local`): it builds only
// the targets it needs, in release mode, without the server stack of the main package.
// Sources/ holds symlinks to the main package's targets.
import PackageDescription

let package = Package(
    name: "local-bench",
    targets: [
        .target(name: "OpsCore", path: "Sources/OpsCore"),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas"),
        // The main package's flags, so the benchmark measures what `llmops` ships.
        .target(name: "CLocalKernels", path: "Sources/CLocalKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "OpsLocalModels", dependencies: ["OpsCore", "CBLAS", "CLocalKernels"], path: "Sources/OpsLocalModels"),
        .executableTarget(name: "LocalBench", dependencies: ["OpsLocalModels", "OpsCore"], path: "Sources/LocalBench"),
    ],
    swiftLanguageModes: [.v5]
)

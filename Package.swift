// swift-tools-version:6.0
import PackageDescription

// Modules import only downward (../shared/ARCHITECTURE.md):
// C shims -> SIPCore -> SIPStack / ReproStore -> ReproEngine -> ReproConsole -> repro.

/// Release builds specialize generic code across our modules (the typed header API is
/// generic, and its callers live in SIPStack and ReproEngine) and drop the run-time
/// exclusivity checks, which profiling showed on every header access.
let releaseSettings: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]
let package = Package(
    name: "repro",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "repro", targets: ["repro"]),
        .library(name: "SIPCore", targets: ["SIPCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL"),
        .systemLibrary(name: "CBerkeleyDB", path: "Sources/CBerkeleyDB"),
        .target(
            name: "SIPCore",
            dependencies: [
                "COpenSSL",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: releaseSettings
        ),
        .target(
            name: "SIPStack",
            dependencies: [
                "SIPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: releaseSettings
        ),
        .target(
            name: "ReproStore",
            dependencies: [
                "SIPCore",
                "CBerkeleyDB",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: releaseSettings
        ),
        .target(
            name: "ReproEngine",
            dependencies: [
                "SIPCore",
                "SIPStack",
                "ReproStore",
                "COpenSSL",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: releaseSettings
        ),
        .target(
            name: "ReproConsole",
            dependencies: [
                "ReproEngine",
                "CNCursesW",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: releaseSettings
        ),
        .executableTarget(
            name: "repro",
            dependencies: [
                "SIPCore",
                "SIPStack",
                "ReproStore",
                "ReproEngine",
                "ReproConsole",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: releaseSettings,
            // mimalloc in place of glibc's malloc: Swift allocates for every message, and with
            // glibc's allocator malloc/free were an eighth of the server's time under load
            // (bench: 15–20% less CPU per REGISTER and per call).
            // A release build is linked with LLVM's lld (shipped with the toolchain): linking the
            // Swift runtime in statically (`--static-swift-stdlib`, as run.sh builds) takes
            // Foundation's archives along, and gold warns about a glibc function they reference.
            linkerSettings: [
                .linkedLibrary("mimalloc", .when(platforms: [.linux])),
                .unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .target(name: "ReproTestSupport", path: "Tests/ReproTestSupport"),
        .testTarget(name: "SIPCoreTests", dependencies: ["SIPCore"]),
        .testTarget(
            name: "SIPStackTests",
            dependencies: [
                "SIPStack",
                "ReproTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ReproEngineTests",
            dependencies: [
                "ReproEngine",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "ReproStoreTests", dependencies: ["ReproStore"]),
        .testTarget(name: "ReproConsoleTests", dependencies: ["ReproConsole", "ReproEngine"]),
        .testTarget(name: "ReproIntegrationTests", dependencies: ["ReproStore", "ReproTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.1
// MudScope: a telnet MUD server that profiles itself, a live console, and pstats-exact profile analysis.
//
// The target graph is the architecture: Server -> ProfileKit <- Console, StatsCLI -> ProfileKit.
// ProfileKit touches no socket, terminal or database; the C libraries sit behind their own
// system-library targets.
import PackageDescription

/// Release builds of MudScope's own modules leave out Swift's run-time exclusivity checks; debug
/// builds, and so the tests, keep them, and the compile-time checks apply to every build. The
/// README's release command passes the same flag to the dependencies (`-Xswiftc`), which a package
/// manifest cannot: with SwiftNIO's checks, they were a fifth of the server's instructions.
let releaseSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "MudScope",
    products: [
        .executable(name: "mudserver", targets: ["Server"]),
        .executable(name: "mudtop", targets: ["Console"]),
        .executable(name: "profstats", targets: ["StatsCLI"]),
        .library(name: "ProfileKit", targets: ["ProfileKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        // Linux's timerfd (part of libc; only the header is missing from Swift's Glibc module).
        .systemLibrary(name: "CTimerFD"),

        .target(name: "CCycleCounter"),
        .target(
            name: "ProfileKit",
            dependencies: ["CCycleCounter"],
            swiftSettings: releaseSettings),

        // The SQLite adapter and the metrics history table: the server writes metrics.db, mudtop
        // replays it.
        .target(name: "SQLiteStore", dependencies: ["ProfileKit", "CSQLite"], swiftSettings: releaseSettings),

        .executableTarget(
            name: "StatsCLI",
            dependencies: [
                "ProfileKit",
                "CGraphviz",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseSettings),
        // Compiles share/dummyrunner/*.toml into the server (the build tool and its plugin).
        .executableTarget(name: "EmbedText"),
        .plugin(name: "EmbedProfiles", capability: .buildTool(), dependencies: ["EmbedText"]),

        .executableTarget(
            name: "Server",
            dependencies: [
                "ProfileKit",
                "SQLiteStore",
                .target(name: "CTimerFD", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: releaseSettings,
            plugins: ["EmbedProfiles"]),
        .executableTarget(
            name: "Console",
            dependencies: [
                "ProfileKit",
                "SQLiteStore",
                "CNCursesW",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseSettings),

        .executableTarget(name: "RecorderBench", dependencies: ["ProfileKit"], path: "Benchmarks/RecorderBench",
                         swiftSettings: releaseSettings),

        .target(name: "TestSupport", path: "Tests/TestSupport", exclude: ["Fixtures"]),
        .testTarget(
            name: "ProfileKitTests",
            dependencies: ["ProfileKit", "TestSupport", .product(name: "Histogram", package: "hdrhistogram-swift")],
            exclude: ["Fixtures"]),
        .testTarget(name: "StatsCLITests", dependencies: ["StatsCLI", "TestSupport"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "ProfileKit", "SQLiteStore", "TestSupport",
                                                    .product(name: "NIOEmbedded", package: "swift-nio")]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "SQLiteStore"], exclude: ["Fixtures"]),
    ]
)

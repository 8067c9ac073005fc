// swift-tools-version:6.0
// The floor server again, on SwiftNIO: what the socket library mudserver is built on costs per
// command when it serves nothing but the same replies (Benchmarks/evennia-compare.py, nio-floor).
import PackageDescription

let package = Package(
    name: "nio-line-server",
    dependencies: [
        // The version mudserver's Package.swift names.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.2"),
    ],
    targets: [
        .executableTarget(name: "NIOLineServer", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
    ]
)

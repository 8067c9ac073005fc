// swift-tools-version:6.1
// Times ProfileKit's exporters on one profile (read + convert + write, CPU time, in-process).
// Run through ../export-bench.sh, which also times pyprof2calltree and gprof2dot on the same file.
import Foundation
import PackageDescription

// A path dependency is known by its directory's name, which depends on where MudScope is checked out.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "ExportBenchmark",
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(name: "export-bench",
                          dependencies: [.product(name: "ProfileKit", package: root.lastPathComponent)]),
    ]
)

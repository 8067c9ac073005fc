import Foundation
import Testing
import ProfileKit

/// Fixture files, golden-file comparison and helper processes for the export tests.
///
/// Golden files live in `Tests/ProfileKitTests/Fixtures/Export`. Run the tests with
/// `MUDSCOPE_RECORD_GOLDEN=1` to (re)write them instead of comparing. Files named
/// `*.pyprof2calltree.callgrind` and `*.gprof2dot.dot` come from the real tools (see
/// `regenerate-references.sh` there) and are never re-recorded by the tests.
enum ExportFixtures {
    /// The fixtures directory.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Export")

    /// The profiles kept as fixtures (base names of `<name>.prof`).
    static let profileNames = ["recursion", "builtins_gen", "unicode"]

    /// True when golden files should be written rather than compared.
    static var recording: Bool { ProcessInfo.processInfo.environment["MUDSCOPE_RECORD_GOLDEN"] == "1" }

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: url(name))) }

    static func profile(_ name: String) throws -> Profile { try Profile(pstatsData: bytes("\(name).prof")) }

    /// Compares `actual` with the golden file `name`, or records it when recording.
    static func expectGolden(_ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = url(name)
        if recording {
            try Data(actual).write(to: file)
            return
        }
        guard let expected = try? Data(contentsOf: file) else {
            Issue.record("missing golden file \(name); run with MUDSCOPE_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if Array(expected) != actual {
            let got = file.deletingPathExtension().appendingPathExtension("actual." + file.pathExtension)
            try? Data(actual).write(to: URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(got.lastPathComponent))
            Issue.record("\(name) differs from its golden file (actual copy in \(NSTemporaryDirectory()))",
                         sourceLocation: sourceLocation)
        }
    }

    /// A fresh temporary directory, unique to one test.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("mudscope-export-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs a program; returns its exit status and standard output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Profiles every workload script with `python3 -m cProfile` in a fresh directory (absolute
    /// paths, a non-ASCII directory name) and returns the profiles by script name.
    static func freshProfiles(_ label: String) throws -> [(name: String, profile: Profile)] {
        let dir = try temporaryDirectory(label).appendingPathComponent("jeu_é")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let scripts = try FileManager.default.contentsOfDirectory(atPath: url("workloads").path)
            .filter { $0.hasSuffix(".py") }.sorted()
        var result: [(String, Profile)] = []
        for script in scripts {
            let source = url("workloads").appendingPathComponent(script)
            let copy = dir.appendingPathComponent(script)
            try FileManager.default.copyItem(at: source, to: copy)
            let out = dir.appendingPathComponent(script + ".prof")
            let (status, _) = try run("/usr/bin/python3", ["-m", "cProfile", "-o", out.path, copy.path], in: dir)
            #expect(status == 0, "python3 -m cProfile \(script)")
            result.append((script, try Profile(pstatsData: Array(try Data(contentsOf: out)))))
        }
        try? FileManager.default.removeItem(at: dir.deletingLastPathComponent())
        return result
    }
}

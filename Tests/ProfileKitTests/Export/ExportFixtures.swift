import Foundation
import Testing
import ProfileKit
import TestSupport

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

    /// Runs a program (through TestSupport's runner, which fails on a non-zero exit status) and
    /// returns its standard output as text.
    static func run(_ program: String, _ arguments: [String], in directory: URL? = nil) throws -> String {
        String(decoding: try PythonCorpus.run(program, arguments, cwd: directory?.path), as: UTF8.self)
    }

    /// The fixture profiles and every profile of the shared Python corpus (cProfile of Python 3.8 to
    /// 3.13 on recursion, builtins, generators, imports, thousands of functions, non-ASCII and very
    /// long paths; marshal versions 0 to 3, huge counts, merged and stripped files).
    static func allProfiles() throws -> [(name: String, profile: Profile)] {
        var result = try profileNames.map { ($0, try profile($0)) }
        let corpus = try PythonCorpus.shared.get()
        for (name, path) in corpus.profiles {
            result.append((name, try Profile(pstatsData: Array(try Data(contentsOf: URL(fileURLWithPath: path))))))
        }
        return result
    }
}

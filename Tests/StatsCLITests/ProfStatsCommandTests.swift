import Foundation
import Testing
import TestSupport

/// The `profstats` binary itself, run as a user runs it, against python3's pstats.
@Suite("profstats command")
struct ProfStatsCommandTests {
    /// The built `profstats`, next to the test bundle.
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("profstats").path
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func profstats(_ arguments: [String], cwd: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// What python3's pstats prints, run in `cwd` with the same relative paths.
    static func pstats(_ files: [String], _ calls: String, cwd: String) throws -> String {
        let script = "import pstats, sys\npstats.Stats(*sys.argv[1:])" + calls
        let out = try PythonCorpus.run("python3", ["-c", script] + files, cwd: cwd)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("the command line prints byte for byte what pstats prints", arguments: [
        (["--sort", "cumtime"], ".sort_stats('cumtime').print_stats()"),
        (["--sort", "time", "--sort", "name", "--restrict", "0.5", "--restrict", "fact|work|is_", "--limit", "4"],
         ".sort_stats('time', 'name').print_stats(0.5, 'fact|work|is_', 4)"),
        (["--strip-dirs", "--sort", "calls", "--reverse", "--limit", "7"],
         ".strip_dirs().sort_stats('calls').reverse_order().print_stats(7)"),
        (["--sort", "cumulative", "--callers", "--restrict", "10"], ".sort_stats('cumulative').print_callers(10)"),
        (["--sort", "pc", "--callees"], ".sort_stats('pc').print_callees()"),
        (["--restrict", "-1"], ".print_stats(-1)"),
    ])
    func matchesPstats(_ arguments: [String], _ calls: String) throws {
        let corpus = try PythonCorpus.shared.get()
        let files = ["mutual_recursion.prof", "deep_recursion.prof"]
        for set in [[files[0]], files] {
            let result = try Self.profstats(set + arguments, cwd: corpus.directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == (try Self.pstats(set, calls, cwd: corpus.directory)))
        }
    }

    @Test("unreadable input: exit 2 and one line naming the file")
    func unreadable() throws {
        let corpus = try PythonCorpus.shared.get()
        let dir = corpus.directory
        let truncated = "truncated.prof"
        let whole = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/generators.prof"))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: "\(dir)/\(truncated)"))
        try Data("not a profile\n".utf8).write(to: URL(fileURLWithPath: "\(dir)/text.prof"))
        for (file, words) in [("missing.prof", "No such file"), (truncated, "truncated"),
                              ("text.prof", "not a profile"), (".", "directory")] {
            let result = try Self.profstats([file], cwd: dir)
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains(file) && lines[0].contains(words), "\(result.stderr)")
        }
    }

    @Test("a bad sort key is a usage error that lists the valid keys")
    func badSortKey() throws {
        let corpus = try PythonCorpus.shared.get()
        for key in ["cum", "c", "n", "t", "bogus"] {
            let result = try Self.profstats(["generators.prof", "--sort", key], cwd: corpus.directory)
            #expect(result.status == 64)
            #expect(result.stderr.contains("'\(key)'") && result.stderr.contains("cumulative, filename"))
        }
    }

    @Test("--help documents the sort keys and restrictions")
    func help() throws {
        let result = try Self.profstats(["--help"], cwd: "/")
        #expect(result.status == 0)
        #expect(result.stdout.contains("--sort") && result.stdout.contains("tottime") && result.stdout.contains("--restrict"))
    }
}

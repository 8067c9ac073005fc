import Foundation
import Testing
import TestSupport
@testable import StatsCLI

/// `profstats browse` against `python3 -m pstats`, fed the same lines on standard input.
@Suite("profstats browse")
struct BrowseCommandTests {
    static func run(_ program: [String], input: String, cwd: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = program
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: out, as: UTF8.self)
    }

    static let scripts: [(files: [String], lines: [String])] = [
        (["mutual_recursion.prof"], ["sort cumulative", "stats 5", "", "callers is_", "callees 0.3",
                                     "help", "help sort", "?stats", "help nothing", "bogus words", "!ls", "sort",
                                     "sort cum", "sort cu tim", "strip", "stats 0.5 2.0 -1 inf nan is_even",
                                     "read missing.prof", "add missing.prof", "reverse", "stats 3", "quit"]),
        (["deep_recursion.prof", "generators.prof"], ["sort time name", "stats 8", "callees depth", "read",
                                                      "stats 2", "add imports.prof", "sort calls", "stats 4"]),
        ([], ["stats", "sort time", "strip", "reverse", "add x", "read", "read generators.prof", "stats 0.2",
              "read .", "EOF"]),
    ]

    @Test("a scripted session prints what python -m pstats prints", arguments: 0..<3)
    func matchesPython(_ index: Int) throws {
        let corpus = try PythonCorpus.shared.get()
        let script = Self.scripts[index]
        let input = script.lines.joined(separator: "\n") + "\n"
        let ours = try Self.run([ProfStatsCommandTests.binary, "browse"] + script.files, input: input, cwd: corpus.directory)
        let theirs = try Self.run(["python3", "-m", "pstats"] + script.files, input: input, cwd: corpus.directory)
        #expect(ours == theirs)
    }
}

@Suite("Line editing")
struct LineEditingTests {
    private func type(_ bytes: [UInt8], into editing: inout LineEditing) -> [LineEditing.Outcome] {
        let (keys, used) = LineEditing.keys(in: bytes)
        #expect(used == bytes.count)
        return keys.map { editing.apply($0) }
    }

    @Test("arrows, home and end, kills and deletes edit the line where the cursor is")
    func editing() {
        var e = LineEditing()
        // "sot", left, "r", end, " cu", Ctrl-A, Del (ESC[3~), "s", Enter
        let bytes: [UInt8] = Array("sot".utf8) + [27, 91, 68] + Array("r".utf8) + [5] + Array(" cu".utf8)
            + [1, 27, 91, 51, 126] + Array("s".utf8) + [13]
        let outcomes = type(bytes, into: &e)
        #expect(outcomes.last == .submitted("sort cu"))
        _ = type(Array("stats 5".utf8) + [2, 2, 11] + [21] + Array("x".utf8) + [127, 13], into: &e)
        #expect(e.history == ["sort cu"])
    }

    @Test("up and down walk the history and come back to the line being typed")
    func history() {
        var e = LineEditing()
        _ = type(Array("one\rtwo\rdraft".utf8), into: &e)
        _ = type([27, 91, 65], into: &e)
        #expect(String(String.UnicodeScalarView(e.line)) == "two")
        _ = type([27, 91, 65, 27, 91, 65], into: &e)
        #expect(String(String.UnicodeScalarView(e.line)) == "one")
        _ = type([27, 91, 66, 27, 91, 66], into: &e)
        #expect(String(String.UnicodeScalarView(e.line)) == "draft")
    }

    @Test("Ctrl-D ends input on an empty line only; Ctrl-C interrupts; UTF-8 split across reads waits")
    func controlKeys() {
        var e = LineEditing()
        #expect(type([4], into: &e) == [.endOfInput])
        _ = type(Array("ab".utf8) + [1], into: &e)
        #expect(type([4], into: &e) == [.editing])
        #expect(String(String.UnicodeScalarView(e.line)) == "b")
        #expect(type([3], into: &e) == [.interrupted])
        let (keys, used) = LineEditing.keys(in: Array("函".utf8).dropLast())
        #expect(keys.isEmpty && used == 0)
        #expect(LineEditing.keys(in: Array("函".utf8)).keys == [.text("函")])
    }
}

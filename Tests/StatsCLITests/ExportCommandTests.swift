import Foundation
import Testing
import TestSupport

/// The export flags of the `profstats` binary, end to end.
@Suite("profstats exports")
struct ExportCommandTests {
    static func scratch(_ name: String) throws -> String {
        let dir = try PythonCorpus.shared.get().directory + "/exports-\(name)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("callgrind written by the command is accepted by callgrind_annotate with the profile's total")
    func callgrind() throws {
        let corpus = try PythonCorpus.shared.get()
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/callgrind_annotate") else { return }
        let dir = try Self.scratch("callgrind")
        let result = try ProfStatsCommandTests.profstats(["builtins_methods.prof", "--callgrind", "\(dir)/out.callgrind"],
                                                        cwd: corpus.directory)
        #expect(result.status == 0 && result.stdout.isEmpty, "\(result.stderr)")
        let annotate = String(decoding: try PythonCorpus.run("callgrind_annotate", ["\(dir)/out.callgrind"]), as: UTF8.self)
        let totalLine = try #require(annotate.split(separator: "\n").first { $0.contains("PROGRAM TOTALS") })
        let total = Int(totalLine.split(separator: " ")[0].replacingOccurrences(of: ",", with: ""))!
        let expected = try PythonCorpus.run("python3", ["-c", """
            import pstats, sys
            s = pstats.Stats(sys.argv[1]); print(round(s.total_tt * 1e9))
            """, "\(corpus.directory)/builtins_methods.prof"])
        let want = Int(String(decoding: expected, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(abs(total - want) <= 1, "callgrind total \(total) ns, pstats total \(want) ns")
    }

    @Test("DOT, SVG and PNG in one run; each file is complete")
    func graphs() throws {
        let corpus = try PythonCorpus.shared.get()
        let dir = try Self.scratch("graphs")
        let result = try ProfStatsCommandTests.profstats(
            ["mutual_recursion.prof", "--dot", "\(dir)/g.dot", "--svg", "\(dir)/g.svg", "--png", "\(dir)/g.png",
             "--node-threshold", "0", "--theme", "pink"], cwd: corpus.directory)
        #expect(result.status == 0, "\(result.stderr)")
        let dot = try String(contentsOfFile: "\(dir)/g.dot", encoding: .utf8)
        #expect(dot.hasPrefix("digraph {") && dot.contains("is_even"))
        let svg = try String(contentsOfFile: "\(dir)/g.svg", encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("is_even") && svg.hasSuffix("</svg>\n"))
        let png = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/g.png"))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("a flame graph from a .prof is refused with the reason, and nothing is written")
    func flameGraphFromProfile() throws {
        let corpus = try PythonCorpus.shared.get()
        let dir = try Self.scratch("refusal")
        let result = try ProfStatsCommandTests.profstats(["generators.prof", "--flamegraph", "\(dir)/f.svg"],
                                                        cwd: corpus.directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("generators.prof") && result.stderr.contains("server.folded"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/f.svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "a temporary file was left")
    }

    @Test("callgrind streams to standard output as to a file; an unwritable path fails with its name")
    func callgrindTargets() throws {
        let corpus = try PythonCorpus.shared.get()
        let dir = try Self.scratch("callgrind-targets")
        let toFile = try ProfStatsCommandTests.profstats(["deep_recursion.prof", "--callgrind", "\(dir)/out.callgrind"],
                                                         cwd: corpus.directory)
        #expect(toFile.status == 0, "\(toFile.stderr)")
        let toStdout = try ProfStatsCommandTests.profstats(["deep_recursion.prof", "--callgrind", "-"], cwd: corpus.directory)
        #expect(toStdout.status == 0)
        #expect(toStdout.stdout == (try String(contentsOfFile: "\(dir)/out.callgrind", encoding: .utf8)))
        let missing = "\(dir)/no/such/dir/out.callgrind"
        let failed = try ProfStatsCommandTests.profstats(["deep_recursion.prof", "--callgrind", missing], cwd: corpus.directory)
        #expect(failed.status == 2)
        #expect(failed.stderr.contains(missing) && failed.stderr.contains("No such file"))
    }

    @Test("folded stacks become a flame graph and merged folded text")
    func flameGraph() throws {
        let dir = try Self.scratch("folded")
        try "main;tick;look 120\nmain;tick;say 30\nmain;tick;look 80\nmain;save 50\n"
            .write(toFile: "\(dir)/server.folded", atomically: true, encoding: .utf8)
        let result = try ProfStatsCommandTests.profstats(
            ["server.folded", "--flamegraph", "flame.svg", "--folded", "-", "--title", "Game"], cwd: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "main;save 50\nmain;tick;look 200\nmain;tick;say 30\n")
        let svg = try String(contentsOfFile: "\(dir)/flame.svg", encoding: .utf8)
        #expect(svg.contains("Game") && svg.contains("look") && svg.contains("<script"))
    }

    @Test("folded files whose weights add up past 64 bits are refused with a message, not a crash")
    func flameGraphWeightsTooLarge() throws {
        let dir = try Self.scratch("folded-huge")
        try "a;b 5000000000000000000\n".write(toFile: "\(dir)/half.folded", atomically: true, encoding: .utf8)
        for output in ["--flamegraph", "--folded"] {
            let result = try ProfStatsCommandTests.profstats(["half.folded", "half.folded", output, "out"], cwd: dir)
            #expect(result.status == 2)
            #expect(result.stderr == "profstats: error: out: the stacks' weights add up to more than 9223372036854775807, the most a "
                        + "64-bit count holds; give fewer stacks or smaller weights\n", "\(result.stderr)")
        }
    }

    @Test("an output path that is a link is followed, and one that is a FIFO is written in place")
    func outputsThroughLinksAndPipes() throws {
        let corpus = try PythonCorpus.shared.get()
        let dir = try Self.scratch("links")
        let (real, link, fifo) = ("\(dir)/real.json", "\(dir)/link.json", "\(dir)/pipe.json")
        for path in [real, link, fifo] { try? FileManager.default.removeItem(atPath: path) }
        try "old".write(toFile: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let linked = try ProfStatsCommandTests.profstats(["deep_recursion.prof", "--json", link], cwd: corpus.directory)
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real, "the link stays a link")
        #expect(try String(contentsOfFile: real, encoding: .utf8).contains("\"schema\": \"profstats-json/1\""))

        #expect(mkfifo(fifo, 0o644) == 0)
        // Both ends open here, so that no open waits for the other side and no read can hang (a
        // file renamed over the FIFO would leave this end empty, not blocked).
        let fd = open(fifo, O_RDWR | O_NONBLOCK)
        defer { close(fd) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProfStatsCommandTests.binary)
        process.arguments = ["deep_recursion.prof", "--json", fifo]
        process.currentDirectoryURL = URL(fileURLWithPath: corpus.directory)
        process.standardError = FileHandle.nullDevice
        try process.run()
        var received: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let finished = !process.isRunning
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n > 0 { received += chunk[..<n]; continue }
            if finished { break }
            usleep(10_000)
        }
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: received, as: UTF8.self).contains("\"schema\": \"profstats-json/1\""))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO is still a FIFO")
    }

    @Test("a report that cannot be written in full (a full disk) fails with the reason")
    func fullDisk() throws {
        let corpus = try PythonCorpus.shared.get()
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProfStatsCommandTests.binary)
        process.arguments = ["deep_recursion.prof", "--sort", "cumtime"]
        process.currentDirectoryURL = URL(fileURLWithPath: corpus.directory)
        let errors = Pipe()
        process.standardOutput = full
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message == "profstats: error: standard output: No space left on device\n")
    }

    @Test("--json is the sorted, restricted selection, readable by python3")
    func json() throws {
        let corpus = try PythonCorpus.shared.get()
        let result = try ProfStatsCommandTests.profstats(
            ["deep_recursion.prof", "--sort", "tottime", "--limit", "3", "--json", "-"], cwd: corpus.directory)
        #expect(result.status == 0, "\(result.stderr)")
        let check = try PythonCorpus.run("python3", ["-c", """
            import json, pstats, sys
            doc = json.loads(sys.stdin.read())
            s = pstats.Stats(sys.argv[1]); s.sort_stats('tottime')
            want = [f"{k[0]}:{k[1]}({k[2]})" if k[0] != '~' else k[2] for k in s.fcn_list[:3]]
            got = [f["file"] + ":" + str(f["line"]) + "(" + f["name"] + ")" if f["file"] != '~' else f["name"] for f in doc["functions"]]
            assert got == want, (got, want)
            assert doc["total_calls"] == s.total_calls
            print("ok")
            """, "\(corpus.directory)/deep_recursion.prof"], input: Data(result.stdout.utf8))
        #expect(String(decoding: check, as: UTF8.self) == "ok\n")
    }

    @Test("--diff marks new and vanished functions, as text and as JSON")
    func diff() throws {
        let corpus = try PythonCorpus.shared.get()
        let text = try ProfStatsCommandTests.profstats(["generators.prof", "--diff", "deep_recursion.prof", "--limit", "50"],
                                                      cwd: corpus.directory)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("new") && text.stdout.contains("vanished"))
        let json = try ProfStatsCommandTests.profstats(["generators.prof", "--diff", "deep_recursion.prof", "--json", "-"],
                                                      cwd: corpus.directory)
        #expect(json.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(doc?["schema"] as? String == "profstats-diff/1")
    }
}

import Foundation
import Testing
import ProfileKit

@Suite("DOT exporter")
struct DotExporterTests {
    /// gprof2dot runs (see regenerate-references.sh) and the same settings here.
    static let gprof2dotRuns: [(file: String, options: DotOptions)] = [
        ("gprof2dot", DotOptions()),
        ("gprof2dot.n0-e0-gray", DotOptions(nodeThresholdPercent: 0, edgeThresholdPercent: 0, theme: .gray)),
        ("gprof2dot.print-selftime", DotOptions(theme: .print, colorNodesBySelfTime: true)),
        ("gprof2dot.pink-n2-e1-skew", DotOptions(nodeThresholdPercent: 2, edgeThresholdPercent: 1,
                                                 theme: { var t = DotTheme.pink; t.skew = 0.5; return t }())),
    ]

    @Test("equals gprof2dot 2025.4.14's output, byte for byte, for several options", arguments: ExportFixtures.profileNames)
    func matchesGprof2dot(name: String) throws {
        let profile = try ExportFixtures.profile(name)
        for run in Self.gprof2dotRuns {
            let out = try DotExporter(options: run.options).export(.profile(profile))
            let reference = try ExportFixtures.bytes("\(name).\(run.file).dot")
            #expect(String(decoding: out, as: UTF8.self) == String(decoding: reference, as: UTF8.self), "\(run.file)")
        }
    }

    @Test("golden files: root and leaf focus (regexes, where gprof2dot takes globs)", arguments: ExportFixtures.profileNames)
    func golden(name: String) throws {
        let profile = try ExportFixtures.profile(name)
        let focus = DotOptions(root: try FunctionSelector(searching: "\\((main|work|größe)\\)$"),
                               leaf: try FunctionSelector(searching: "builtins|fact"))
        try ExportFixtures.expectGolden(try DotExporter(options: focus).export(.profile(profile)), "\(name).focus.dot")
    }

    @Test("a root that matches nothing is an error that says what to try")
    func rootNotFound() throws {
        let options = DotOptions(root: try FunctionSelector(searching: "no_such_function"))
        #expect(throws: ExportError.noMatch(option: "--root", selector: "no_such_function")) {
            try DotExporter(options: options).export(.profile(try ExportFixtures.profile("recursion")))
        }
        #expect(throws: ExportError.badPattern("(")) { try FunctionSelector(searching: "(") }
    }

    @Test("root with depth keeps the root and its direct callees only")
    func depth() throws {
        let options = DotOptions(nodeThresholdPercent: 0, edgeThresholdPercent: 0,
                                 root: FunctionSelector("main") { $0.name == "main" }, depth: 1)
        let text = try DotExporter(options: options).text(for: try ExportFixtures.profile("recursion"))
        let labels = text.split(separator: "\n").filter { $0.contains("label=\"recursion:") && !$0.contains("->") }
            .map { $0.split(separator: "label=\"")[1].split(separator: "\\")[0] }
        #expect(Set(labels) == ["recursion:13:main", "recursion:1:fact", "recursion:4:fib", "recursion:7:is_even"])
    }

    @Test("heat colours at the ends of the scale and gprof2dot's quoting")
    func colours() {
        #expect(DotTheme.temperature.color(0) == "#0d0d73")
        #expect(DotTheme.temperature.color(1) == "#ff0000")
        #expect(DotTheme.temperature.color(0.5) == "#0ab60a")
        #expect(DotTheme.gray.color(0.3) == "#515151")
        #expect(DotTheme.pink.color(0.7) == "#ff0b0b")
    }

    @Test("module names follow os.path.splitext and basename")
    func moduleNames() throws {
        let cases: [(String, String)] = [("/a/b/tiny.py", "tiny"), ("~", "~"), ("/a/.bashrc", ".bashrc"),
                                         ("<frozen importlib._bootstrap>", "<frozen importlib"),
                                         ("/a.b/c", "c"), ("x..py", "x."), ("/d/...", "...")]
        for (file, module) in cases {
            let profile = Profile([FunctionStats(key: FunctionKey(file: file, line: 3, name: "f"), primitiveCalls: 1,
                                                 calls: 1, selfTime: 1, cumulativeTime: 1)])
            let text = try DotExporter().text(for: profile)
            #expect(text.contains("label=\"\(module):3:f\\n100.00%"), "\(file)")
        }
    }
}

import Foundation
import Testing
import ProfileKit

@Suite("Callgrind exporter")
struct CallgrindExporterTests {
    @Test("pyprof2calltree mode reproduces pyprof2calltree 1.4.5 byte for byte", arguments: ExportFixtures.profileNames)
    func pyprof2calltreeCompatibility(name: String) throws {
        let profile = try ExportFixtures.profile(name)
        let out = try CallgrindExporter(compatibility: .pyprof2calltree).export(.profile(profile))
        let reference = try ExportFixtures.bytes("\(name).pyprof2calltree.callgrind")
        #expect(out == reference)
    }

    @Test("native output matches its golden files", arguments: ExportFixtures.profileNames)
    func nativeGolden(name: String) throws {
        let profile = try ExportFixtures.profile(name)
        try ExportFixtures.expectGolden(try CallgrindExporter().export(.profile(profile)), "\(name).callgrind")
        try ExportFixtures.expectGolden(try CallgrindExporter(unit: .microseconds).export(.profile(profile)),
                                        "\(name).us.callgrind")
    }

    @Test("a large file streams in bounded pieces that add up to the whole file",
          arguments: CallgrindExporter.Compatibility.allCases)
    func streaming(compatibility: CallgrindExporter.Compatibility) throws {
        // 4,000 functions in 40 files, each called by the three before it: about 1.5 MB of output.
        let keys = (0..<4_000).map { FunctionKey(file: "/srv/game/world/module\($0 % 40).py", line: $0, name: "handler_\($0)") }
        let edge = EdgeStats(calls: 2, primitiveCalls: 2, selfTime: 1e-6, cumulativeTime: 3e-6)
        let built = Profile(keys.indices.map { i in
            FunctionStats(key: keys[i], primitiveCalls: 6, calls: 6, selfTime: 3e-6, cumulativeTime: 9e-6,
                          callers: (max(0, i - 3)..<i).map { CallerEdge(caller: keys[$0], stats: edge) })
        })
        let bytes = built.pstatsData()
        let exporter = CallgrindExporter(compatibility: compatibility)
        var pieces: [[UInt8]] = []
        try exporter.export(.profile(try Profile(pstatsData: bytes)), to: { pieces.append(Array($0)) })
        let whole = try exporter.export(.profile(built))  // built in memory: the general path
        #expect(pieces.count > 1, "\(whole.count) bytes came in one piece")
        #expect(pieces.allSatisfy { !$0.isEmpty && $0.count < 1 << 20 })
        #expect(Array(pieces.joined()) == whole)
    }

    @Test("folded stacks are refused with a reason")
    func refusesStacks() {
        #expect(throws: ExportError.needsProfile(.callgrind)) {
            try CallgrindExporter().export(.stacks(FoldedStacks()))
        }
    }

    @Test("names that share a file and a name are told apart by line")
    func munging() throws {
        let a = FunctionKey(file: "m.py", line: 3, name: "dup")
        let b = FunctionKey(file: "m.py", line: 9, name: "dup")
        let profile = Profile([
            FunctionStats(key: a, primitiveCalls: 1, calls: 1, selfTime: 1e-6, cumulativeTime: 1e-6),
            FunctionStats(key: b, primitiveCalls: 1, calls: 1, selfTime: 2e-6, cumulativeTime: 2e-6,
                          callers: [CallerEdge(caller: a, stats: EdgeStats(calls: 1, primitiveCalls: 1,
                                                                           selfTime: 2e-6, cumulativeTime: 2e-6))]),
        ])
        let text = CallgrindExporter().text(for: profile)
        #expect(text.contains("fn=(1) dup:3\n3 1000\ncfl=(1)\ncfn=(2) dup:9\ncalls=1 9\n3 2000\n"))
        #expect(text.contains("summary: 3000\ntotals: 3000\n"))
    }

    @Test("a caller that is not a function of the profile gets its own block; pyprof2calltree mode and DOT leave it out")
    func orphanCaller() throws {
        let orphan = FunctionKey(file: "gone.py", line: 7, name: "ghost")
        let f = FunctionKey(file: "m.py", line: 1, name: "f")
        let profile = Profile([FunctionStats(key: f, primitiveCalls: 2, calls: 2, selfTime: 3e-6, cumulativeTime: 3e-6,
                                             callers: [CallerEdge(caller: orphan, stats: EdgeStats(
                                                calls: 2, primitiveCalls: 2, selfTime: 3e-6, cumulativeTime: 3e-6))])])
        let native = CallgrindExporter().text(for: profile)
        #expect(native.hasSuffix("fl=(1) m.py\nfn=(1) f\n1 3000\n\nfl=(2) gone.py\nfn=(2) ghost\n7 0\ncfl=(1)\ncfn=(1)\ncalls=2 1\n7 3000\n"))
        let compat = CallgrindExporter(compatibility: .pyprof2calltree).text(for: profile)
        #expect(compat == "event: ns : Nanoseconds\nevents: ns\nsummary: 3000\nfl=m.py\nfn=f\n1 3000\n\n")
        let dot = try DotExporter().text(for: profile)
        #expect(!dot.contains("ghost"))
        #expect(dot.contains("label=\"m:1:f\\n100.00%\\n(100.00%)\\n2×\""))
    }

    @Test("a common name in many files is munged only where one file has it twice")
    func mungingCommonName() {
        var functions = (0..<12).map { i in
            FunctionStats(key: FunctionKey(file: "f\(i).py", line: 1, name: "__init__"), primitiveCalls: 1, calls: 1,
                          selfTime: 1e-6, cumulativeTime: 1e-6)
        }
        functions.append(FunctionStats(key: FunctionKey(file: "f3.py", line: 9, name: "__init__"), primitiveCalls: 1,
                                       calls: 1, selfTime: 1e-6, cumulativeTime: 1e-6))
        let text = CallgrindExporter(compatibility: .pyprof2calltree).text(for: Profile(functions))
        #expect(text.contains("fl=f3.py\nfn=__init__:1\n"))
        #expect(text.contains("fl=f3.py\nfn=__init__:9\n"))
        #expect(text.contains("fl=f4.py\nfn=__init__\n"))
        #expect(text.components(separatedBy: "fn=__init__:").count == 3)
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ProfileKit

@Suite("Folded stacks and flame graphs")
struct FoldedStackExportTests {
    static let folded = ["server", "deep"]

    @Test("parsing keeps stacks, frames with spaces and non-ASCII names")
    func parse() throws {
        let stacks = try FoldedStacks(parsing: "a;b c;d 12\r\n\n  \na;<method 'x' of 'y' objects> 3\n函数 0\n")
        #expect(stacks.stacks == [
            .init(frames: ["a", "b c", "d"], weight: 12),
            .init(frames: ["a", "<method 'x' of 'y' objects>"], weight: 3),
            .init(frames: ["函数"], weight: 0),
        ])
        #expect(stacks.totalWeight == 15)
    }

    @Test("bad lines are reported with their line number")
    func parseErrors() {
        #expect(throws: FoldedStacksParseError(line: 2, problem: .missingWeight)) {
            try FoldedStacks(parsing: "a;b 1\nnoweight\n")
        }
        #expect(throws: FoldedStacksParseError(line: 1, problem: .badWeight("1.5"))) { try FoldedStacks(parsing: "a 1.5") }
        #expect(throws: FoldedStacksParseError(line: 1, problem: .badWeight("-3"))) { try FoldedStacks(parsing: "a -3") }
        #expect(throws: FoldedStacksParseError(line: 3, problem: .missingStack)) { try FoldedStacks(parsing: "a 1\n\n 5") }
        #expect(throws: FoldedStacksParseError(line: 1, problem: .weightTooLarge("99999999999999999999"))) {
            try FoldedStacks(parsing: "a 99999999999999999999")
        }
        #expect(FoldedStacksParseError(line: 4, problem: .missingWeight).description.hasPrefix("line 4: "))
        // Each weight fits, their sum does not: a flame graph's width and a merge would overflow.
        #expect(throws: FoldedStacksParseError(line: 3, problem: .totalTooLarge)) {
            try FoldedStacks(parsing: "a;b 5000000000000000000\n\na;c 5000000000000000000\n")
        }
    }

    @Test("stacks whose weights add up past 64 bits are refused by the exporters, not wrapped")
    func weightsTooLarge() throws {
        let half = try FoldedStacks(parsing: "a;b 5000000000000000000\n")
        let both = FoldedStacks(half.stacks + half.stacks)
        #expect(half.checkedTotalWeight == 5_000_000_000_000_000_000 && both.checkedTotalWeight == nil)
        #expect(throws: ExportError.weightsTooLarge) { try FlameGraphExporter().export(.stacks(both)) }
        #expect(throws: ExportError.weightsTooLarge) { try FoldedStacksExporter().export(.stacks(both)) }
        #expect(try FoldedStacksExporter().export(.stacks(half)) == Array("a;b 5000000000000000000\n".utf8))
    }

    @Test("the writer merges repeated stacks, sorts, and reads back the same", arguments: folded)
    func writer(name: String) throws {
        let stacks = try FoldedStacks(parsing: try ExportFixtures.bytes("\(name).folded"))
        let out = try FoldedStacksExporter().export(.stacks(stacks))
        try ExportFixtures.expectGolden(out, "\(name).merged.folded")
        let again = try FoldedStacks(parsing: out)
        #expect(again.totalWeight == stacks.totalWeight)
        #expect(again.merged() == again)
        #expect(try FoldedStacksExporter().export(.stacks(again)) == out)
    }

    @Test("flame graph SVG: golden, well-formed XML, one titled box per frame", arguments: folded)
    func flameGraph(name: String) throws {
        let stacks = try FoldedStacks(parsing: try ExportFixtures.bytes("\(name).folded"))
        let svg = try FlameGraphExporter().export(.stacks(stacks))
        try ExportFixtures.expectGolden(svg, "\(name).flamegraph.svg")
        #expect(try FlameGraphExporter().export(.stacks(stacks)) == svg)

        let counter = ElementCounter()
        let parser = XMLParser(data: Data(svg))
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.frames > 1)
        #expect(counter.frames == counter.titles)
        #expect(counter.rootWeight == stacks.totalWeight)
        #expect(counter.scripts == 1)
    }

    @Test("click-to-zoom, hover details and Reset Zoom work (the inline script run by node on a stand-in DOM)",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/node")),
          arguments: [("server", "World.move"), ("server", "GameLoop.tick"), ("deep", "apply")])
    func zoomScript(name: String, frame: String) throws {
        let dir = try ExportFixtures.temporaryDirectory("zoom-\(name)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("fg.svg")
        let stacks = try FoldedStacks(parsing: try ExportFixtures.bytes("\(name).folded"))
        try Data(try FlameGraphExporter().export(.stacks(stacks))).write(to: svg)
        let check = ExportFixtures.url("flamegraph-zoom-check.js").path
        let output = try ExportFixtures.run("/usr/bin/node", [check, svg.path, frame])
        #expect(output.hasPrefix("ok "))
    }

    @Test("the recorder's folded stacks (the server's server.folded) read back and draw")
    func recorderStacks() throws {
        let (profiler, clock) = manualProfiler()
        let game = profiler.makeRecorder(name: "game")
        for root in [CallSpec("tick", 10, [CallSpec("parse", 5), CallSpec("look", 3, [CallSpec("render", 7)])], 2),
                     CallSpec("tick", 1, [CallSpec("parse", 4)])] {
            root.run(on: game, clock: clock)
        }
        let text = profiler.snapshot().foldedStacks()
        let stacks = try FoldedStacks(parsing: text)
        #expect(stacks.totalWeight == 10 + 5 + 3 + 7 + 2 + 1 + 4)
        #expect(String(decoding: try FoldedStacksExporter().export(.stacks(stacks)), as: UTF8.self) == text)
        let svg = String(decoding: try FlameGraphExporter().export(.stacks(stacks)), as: UTF8.self)
        let render = CallSpec.site("render").key.standardName
        #expect(svg.contains("<title>\(render.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")) (7 µs, 21.88%)</title>"))
    }

    @Test("a frame's title gives its weight and share")
    func titles() throws {
        let stacks = try FoldedStacks(parsing: "main;a 750\nmain;b 250\n")
        let svg = FlameGraphExporter(weightUnit: "samples").svg(for: stacks)
        #expect(svg.contains("<title>main (1,000 samples, 100.00%)</title>"))
        #expect(svg.contains("<title>a (750 samples, 75.00%)</title>"))
        #expect(svg.contains("<title>b (250 samples, 25.00%)</title>"))
    }

    @Test("a .prof profile cannot make a flame graph, and the error says why and what to use")
    func refusesProfiles() throws {
        let profile = try ExportFixtures.profile("recursion")
        for exporter in [FlameGraphExporter() as any ProfileExporter, FoldedStacksExporter()] {
            #expect(throws: ExportError.needsStacks(type(of: exporter).format)) { try exporter.export(.profile(profile)) }
        }
        let message = ExportError.needsStacks(.flamegraph).description
        #expect(message.contains("server.folded"))
        #expect(message.contains("caller -> callee pairs"))
    }

    private final class ElementCounter: NSObject, XMLParserDelegate {
        var frames = 0, titles = 0, scripts = 0
        var rootWeight = -1
        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            switch element {
            case "g" where attributes["data-w"] != nil:
                frames += 1
                if attributes["data-d"] == "0" { rootWeight = Int(attributes["data-w"]!) ?? -2 }
            case "title": titles += 1
            case "script": scripts += 1
            default: break
            }
        }
    }
}

import Foundation
import Testing
@testable import StatsCLI

@Suite("Graphviz rendering in-process")
struct GraphvizRendererTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ProfileKitTests/Fixtures/Export")

    @Test("gprof2dot-style DOT becomes SVG with every node label, and PNG with the PNG signature")
    func renders() throws {
        let dot = try String(contentsOf: Self.fixtures.appendingPathComponent("unicode.gprof2dot.dot"), encoding: .utf8)
        let svg = String(decoding: try GraphvizRenderer().render(dot: dot, as: .svg), as: UTF8.self)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("<svg"))
        #expect(svg.contains("ünïcödé_函数:12:函数"))
        #expect(svg.contains("62.45%"))
        let png = try GraphvizRenderer().render(dot: dot, as: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.count > 1000)
    }

    @Test("bad DOT is a parse error carrying Graphviz's message")
    func syntaxError() {
        do {
            _ = try GraphvizRenderer().render(dot: "digraph { a -> ", as: .svg)
            Issue.record("bad DOT rendered")
        } catch {
            #expect(error.stage == .parse)
            #expect(error.message.contains("syntax error"), "\(error.message)")
        }
    }

    @Test("an unknown layout engine is a layout error")
    func layoutError() {
        #expect(throws: GraphvizRenderer.RenderError.self) {
            try GraphvizRenderer(layout: "no-such-engine").render(dot: "digraph { a -> b }", as: .svg)
        }
    }

    @Test("many renders at once are serialised and all succeed")
    func concurrent() async throws {
        let dot = try String(contentsOf: Self.fixtures.appendingPathComponent("recursion.gprof2dot.dot"), encoding: .utf8)
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<24 {
                group.addTask { try GraphvizRenderer().render(dot: dot, as: i % 3 == 0 ? .png : .svg).count }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(sizes.count == 24)
        #expect(sizes.allSatisfy { $0 > 1000 })
    }
}

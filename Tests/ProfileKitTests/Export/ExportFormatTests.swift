import Testing
import ProfileKit

@Suite("Export format table")
struct ExportFormatTests {
    static let exporters: [any ProfileExporter] = [
        CallgrindExporter(), DotExporter(), FoldedStacksExporter(), FlameGraphExporter(), JSONExporter(),
    ]

    @Test("every exporter's format is in the table, accepts its input kind and refuses the other")
    func table() throws {
        let profile = try ExportFixtures.profile("recursion")
        let stacks = try FoldedStacks(parsing: "main;run 5\n")
        for exporter in Self.exporters {
            let format = type(of: exporter).format
            #expect(ExportFormat.allCases.contains(format))
            switch format.input {
            case .profile:
                #expect(try !exporter.export(.profile(profile)).isEmpty)
                #expect(throws: ExportError.needsProfile(format)) { try exporter.export(.stacks(stacks)) }
            case .stacks:
                #expect(try !exporter.export(.stacks(stacks)).isEmpty)
                #expect(throws: ExportError.needsStacks(format)) { try exporter.export(.profile(profile)) }
            }
        }
        // svg and png are DOT rendered by Graphviz; every other format has exactly one exporter.
        let covered = Set(Self.exporters.map { type(of: $0).format })
        #expect(Set(ExportFormat.allCases.filter { !$0.needsGraphvizRendering }) == covered)
        #expect(ExportFormat.allCases.map(\.flag) == ["--callgrind", "--dot", "--svg", "--png", "--folded", "--flamegraph", "--json"])
        #expect(ExportFormat.allCases.allSatisfy { !$0.summary.isEmpty && !$0.fileExtension.isEmpty })
    }
}

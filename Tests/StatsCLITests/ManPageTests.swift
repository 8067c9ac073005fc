import Foundation
import Testing
import TestSupport

/// Every man page in share/man renders without a warning from groff, which is what `man` runs: a
/// line it cannot fit or a broken request shows as a ragged or missing passage on the reader's
/// terminal. A page added later is checked without a change here.
@Suite("man pages")
struct ManPageTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("share/man")

    /// The pages in share/man (sections 1 to 8), by file name.
    static let pages: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.range(of: #"\.[1-8]$"#, options: .regularExpression) != nil }
        .sorted()

    @Test("each program has a page")
    func eachProgramHasAPage() {
        for page in ["profstats.1", "mudserver.1", "mudtop.1"] {
            #expect(Self.pages.contains(page), "\(page) is missing from \(Self.directory.path)")
        }
    }

    @Test("every page renders with no groff warning", arguments: pages)
    func rendersCleanly(page: String) throws {
        let path = Self.directory.appendingPathComponent(page).path
        // -ww: every warning; -z: no output but the warnings, which go to the pipe read here.
        let warnings = try PythonCorpus.run("sh", ["-c", "groff -ww -man -Tutf8 -z \"$0\" 2>&1", path])
        #expect(warnings.isEmpty, "\(page): \(String(decoding: warnings, as: UTF8.self))")
    }
}

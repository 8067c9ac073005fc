import Foundation
import Testing
import TestSupport

/// The man pages in share/man (profstats', mudserver's and mudtop's) render without a warning from
/// groff, which is what `man` runs: a line it cannot fit or a broken request shows as a ragged
/// or missing passage on the reader's terminal.
@Suite("man pages")
struct ManPageTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("share/man")

    @Test("every page renders with no groff warning", arguments: ["profstats.1", "mudserver.1", "mudtop.1"])
    func rendersCleanly(page: String) throws {
        let path = Self.directory.appendingPathComponent(page).path
        #expect(FileManager.default.fileExists(atPath: path), "\(path) is missing")
        // -ww: every warning; -z: no output but the warnings, which go to the pipe read here.
        let warnings = try PythonCorpus.run("sh", ["-c", "groff -ww -man -Tutf8 -z \"$0\" 2>&1", path])
        #expect(warnings.isEmpty, "\(page): \(String(decoding: warnings, as: UTF8.self))")
    }
}

import Foundation
import Testing
import TestSupport

/// `profstats browse` on a real terminal (tmux): line editing and history as a person types.
@Suite("profstats browse on a terminal")
struct BrowseTerminalTests {
    static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        String(decoding: try PythonCorpus.run(Self.tmuxPath!, arguments), as: UTF8.self)
    }

    private func screen(_ session: String, until text: String) throws -> String {
        var last = ""
        for _ in 0..<100 {
            last = try tmux(["capture-pane", "-p", "-t", session])
            if last.contains(text) { return last }
            usleep(50_000)
        }
        return last
    }

    @Test("typing with arrow keys and recalling a line with Up gives the edited commands", .enabled(if: tmuxPath != nil))
    func editsAndRecalls() throws {
        let corpus = try PythonCorpus.shared.get()
        let session = "mudscope-browse-\(getpid())"
        // The tmux server keeps the descriptors it started with, so its output must not be a pipe
        // that someone waits on.
        let start = Process()
        start.executableURL = URL(fileURLWithPath: Self.tmuxPath!)
        start.arguments = ["new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", corpus.directory,
                           "\(ProfStatsCommandTests.binary) browse mutual_recursion.prof; sleep 30"]
        start.standardOutput = FileHandle.nullDevice
        start.standardError = FileHandle.nullDevice
        try start.run()
        start.waitUntilExit()
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        _ = try screen(session, until: "mutual_recursion.prof% ")
        // "sot" + Left + "r" + End + " time" -> "sort time"; then "stats 2" -> a 2-line listing.
        try tmux(["send-keys", "-t", session, "sot", "Left", "r", "End", " time", "Enter"])
        try tmux(["send-keys", "-t", session, "stats 2", "Enter"])
        let listing = try screen(session, until: "due to restriction <2>")
        #expect(listing.contains("Ordered by: internal time"))
        // Up twice recalls "sort time"; change it to "sort calls" with Ctrl-U and retype.
        try tmux(["send-keys", "-t", session, "C-u", "sort calls", "Enter", "Up", "Up", "Enter"])
        let again = try screen(session, until: "Ordered by: call count")
        #expect(again.contains("Ordered by: call count"))
        try tmux(["send-keys", "-t", session, "quit", "Enter"])
        #expect(try screen(session, until: "Goodbye.").contains("Goodbye."))
    }
}
